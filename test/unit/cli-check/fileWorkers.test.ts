import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { WorkspaceAssessment } from '../../../src/core/evidence/index';
import { nodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { ruleCatalogIds } from '../../../src/cli/ruleIds';
import { FileWorkerPool, scopesHandedToWorkers } from '../../../src/cli/fileWorkers/workerPool';
import { DEFAULT_MIN_FILES, fileWorkerPool, jobsOption } from '../../../src/cli/fileWorkers/jobs';
import { UsageError } from '../../../src/cli/command';
import { check, checkWith } from './support';
import { bundledFileWorker, prepareHostileCli, removeHostileCli } from '../hostile/cappedCli';

/**
 * `check --jobs 2` (files read, parsed and analysed on a worker thread too) says exactly what `--jobs 1` says:
 * the same assessment of every fixture workspace, the same bytes in every format, and a worker that stops
 * leaves its files reported as unread instead of hanging the scan. Below their usual size threshold, the
 * workers are forced on (STAGE_GUIDE_WORKERS_MIN_FILES=0 / minFiles 0), and each comparison checks they were used.
 */
const REPO = join(__dirname, '..', '..', '..');
const FIXTURES = join(REPO, 'test', 'fixtures', 'workspaces');

/** Every fixture workspace worth a scan: the examples, the evidence fixtures, and each deployment-judgement, GitLab and Helm workspace. */
function workspaces(): string[] {
  const subfolders = (dir: string) =>
    readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory());
  return [
    ...subfolders(join(REPO, 'examples')),
    join(REPO, 'test', 'fixtures', 'evidence', 'monorepo'),
    join(REPO, 'test', 'fixtures', 'evidence', 'copies'),
    ...subfolders(join(FIXTURES, 'deployment-judgement')),
    ...subfolders(join(FIXTURES, 'gitlab-includes')),
    join(FIXTURES, 'helm-chart'),
    join(FIXTURES, 'helm-values'),
    join(FIXTURES, 'k8s-replicas'),
    join(FIXTURES, 'terraform-production'),
    join(FIXTURES, 'large-workspace'),
  ];
}

function assess(dir: string, fileWork?: FileWorkerPool): Promise<WorkspaceAssessment> {
  return assessWorkspace(dir, { fs: nodeFileSystem, workspaceRoot: dir, today: '2025-01-01', knownRuleIds: ruleCatalogIds(), fileWork });
}

describe('cli: check --jobs (worker threads)', function () {
  this.timeout(240_000);
  before(prepareHostileCli);
  after(removeHostileCli);

  it('assesses every fixture workspace on a worker thread exactly as on one thread', async () => {
    const pool = new FileWorkerPool({ workers: 1, minFiles: 0 });
    try {
      const before = scopesHandedToWorkers();
      const dirs = workspaces();
      for (const dir of dirs) assert.deepEqual(await assess(dir, pool), await assess(dir), dir);
      assert.ok(scopesHandedToWorkers() - before >= dirs.length, 'every workspace had its files read by the pool');
    } finally {
      await pool.close();
    }
  });

  it('writes the same bytes with --jobs 1 and --jobs 2, in every format', async () => {
    const saved = process.env.STAGE_GUIDE_WORKERS_MIN_FILES;
    process.env.STAGE_GUIDE_WORKERS_MIN_FILES = '0';
    // Each run starts its own worker: the one bundled once for the run, as dist/fileWorker.js is (through tsx, each
    // loaded the sources for seconds of CPU; the first test starts workerMain.ts through tsx, the default from source).
    let started = 0;
    const startFileWorker = () => {
      started++;
      return new Worker(bundledFileWorker());
    };
    try {
      // One workspace of many services; the first test covers the others.
      for (const dir of [join(FIXTURES, 'deployment-judgement')]) {
        for (const format of ['text', 'json', 'sarif']) {
          const one = await check(REPO, dir, '--root', dir, '--format', format, '--jobs', '1');
          const before = scopesHandedToWorkers();
          const two = await checkWith({ startFileWorker }, REPO, dir, '--root', dir, '--format', format, '--jobs', '2');
          assert.ok(scopesHandedToWorkers() > before, `${dir} ${format}: the worker read files`);
          assert.ok(started > 0, 'the bundled worker was started');
          assert.equal(two.code, one.code);
          assert.equal(two.out, one.out, `${dir} ${format}: the report differs`);
          assert.equal(two.err, one.err);
          assert.ok(one.out.length > 0);
        }
      }
    } finally {
      if (saved === undefined) delete process.env.STAGE_GUIDE_WORKERS_MIN_FILES;
      else process.env.STAGE_GUIDE_WORKERS_MIN_FILES = saved;
    }
  });

  it('reports the files of a worker that stops as unread, and finishes', async () => {
    // A worker that dies on its first batch of files (as one killed by running out of memory would).
    const dying = () =>
      new Worker(`require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'files') process.exit(3); });`, {
        eval: true,
      });
    const pool = new FileWorkerPool({ workers: 1, minFiles: 0, spawn: dying });
    const dir = join(FIXTURES, 'deployment-judgement', 'compose-overlays');
    try {
      const assessed = await assess(dir, pool);
      const unreadable = assessed.services.flatMap((service) => service.stats?.unreadable ?? []);
      assert.ok(unreadable.length > 0, 'the files the worker held are reported');
      for (const file of unreadable) assert.match(file.reason, /worker thread reading it stopped: it exited with code 3/);
      // The files it did not hold yet were read on the scan's own thread: everything else is as a one-thread scan makes it.
      const alone = await assess(dir);
      const read = (assessment: WorkspaceAssessment) =>
        assessment.services.reduce((sum, service) => sum + (service.stats?.filesRead ?? 0), 0);
      assert.equal(read(assessed) + unreadable.length, read(alone));
    } finally {
      await pool.close();
    }
  });

  it('reports a file the analysis throws on as unread (in the worker), never the whole scan', async () => {
    // A worker whose analysis throws on every file: each file comes back as a per-file result.
    const throwing = () =>
      new Worker(
        `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', (m) => { if (m.type === 'files') parentPort.postMessage({ type: 'worked', scope: m.scope, results: m.files.map(({ index }) => ({ index, result: { status: 'unreadable', reason: 'analysis failed: boom' } })) }); });`,
        { eval: true },
      );
    const pool = new FileWorkerPool({ workers: 1, minFiles: 0, spawn: throwing });
    const dir = join(FIXTURES, 'helm-chart');
    try {
      const run = await assess(dir, pool);
      const unreadable = run.services.flatMap((service) => service.stats?.unreadable ?? []);
      assert.ok(unreadable.some((file) => file.reason === 'analysis failed: boom'));
    } finally {
      await pool.close();
    }
  });

  it('reads --jobs, then STAGE_GUIDE_JOBS, and refuses what is not a whole number of 1 or more', () => {
    assert.deepEqual(jobsOption('3', {}), { threads: 3, minFiles: DEFAULT_MIN_FILES, asked: true });
    assert.equal(jobsOption('1', { STAGE_GUIDE_JOBS: '4' }).threads, 1);
    assert.equal(jobsOption(undefined, { STAGE_GUIDE_JOBS: '2' }).threads, 2);
    assert.equal(jobsOption(undefined, { STAGE_GUIDE_JOBS: '2', STAGE_GUIDE_WORKERS_MIN_FILES: '10' }).minFiles, 10);
    assert.equal(jobsOption('auto', {}, 8).threads, 4);
    assert.equal(jobsOption('auto', {}, 1).threads, 1);
    const auto = jobsOption('auto', {}).threads;
    assert.ok(auto >= 1 && auto <= 4);
    assert.equal(jobsOption(undefined, { STAGE_GUIDE_JOBS: 'auto' }).threads, auto);
    for (const bad of ['0', 'two', '-1', '1.5', '']) assert.throws(() => jobsOption(bad, {}), UsageError, `--jobs ${bad}`);
    assert.throws(() => jobsOption(undefined, { STAGE_GUIDE_JOBS: 'many' }), /STAGE_GUIDE_JOBS must be a whole number/);
    assert.throws(() => jobsOption(undefined, { STAGE_GUIDE_WORKERS_MIN_FILES: 'few' }), /STAGE_GUIDE_WORKERS_MIN_FILES must be/);
  });

  it('unless asked, reads on one thread: no pool, no worker (what the bench measured on an idle machine)', () => {
    for (const cores of [1, 2, 16]) {
      assert.deepEqual(jobsOption(undefined, {}, cores), { threads: 1, minFiles: DEFAULT_MIN_FILES, asked: false });
      assert.equal(fileWorkerPool(jobsOption(undefined, {}, cores)), undefined, `${cores} cores`);
    }
    assert.equal(jobsOption(undefined, { STAGE_GUIDE_WORKERS_MIN_FILES: '0' }, 2).minFiles, 0);
  });
});
