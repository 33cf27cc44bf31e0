import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { assessScope, ScanCache, workspaceModelScan } from '../../../src/core/evidence/index';
import type { ServiceAssessment, WorkspaceModelScan } from '../../../src/core/evidence/index';
import { loadStageFile } from '../../../src/core/workspace/stageResolution';
import {
  SCAN_WORKER_LIMITS,
  ScanWorkerClient,
  ScanWorkerStopped,
  ScanWorkerStuck,
} from '../../../src/extension/scanWorker/scanWorkerClient';
import type { ResourceLimits } from 'node:worker_threads';
import type { CoreFileSystem } from '../../../src/core/fileSystem';
import { TreeFileSystem } from '../evidence/support/treeFileSystem';

/**
 * The editor's scan worker (src/extension/scanWorker/, docs/editor-scan-worker.md), run as the extension runs it but
 * from source: its workspace model and its Stage view assessments must be those of the in-host scan (the core's
 * workspaceModelScan and assessScope on this thread), on every fixture workspace the editor tests open; and a worker
 * that cannot start, throws or dies must fail every request at once with a clear error (the extension then scans in
 * its own thread), never leave one waiting.
 */
const repoRoot = resolve(__dirname, '..', '..', '..');
const WORKSPACES = join(repoRoot, 'test', 'fixtures', 'workspaces');
const TODAY = '2026-01-01';

/** The worker from source: tsx's require hook, the data/ reader the bundles do without (or the run's embedded data), then its entry. */
function sourceWorker(limits: ResourceLimits = SCAN_WORKER_LIMITS): () => Worker {
  const modules = [
    require.resolve('tsx/cjs'),
    join(repoRoot, 'src', 'cli', 'sourceShippedData.ts'),
    // In `npm run test:unit`, the data as the bundles embed it (made once for the run), as this file's process reads it.
    join(repoRoot, 'test', 'unit', 'support', 'embeddedShippedData.ts'),
    join(repoRoot, 'src', 'extension', 'scanWorker', 'workerMain.ts'),
  ];
  return () => new Worker(modules.map((module) => `require(${JSON.stringify(module)});`).join(''), { eval: true, resourceLimits: limits });
}

/** A worker made of `source` (evaluated as the worker's whole program). */
function workerOf(source: string, limits?: ResourceLimits): () => Worker {
  return () => new Worker(source, { eval: true, ...(limits ? { resourceLimits: limits } : {}) });
}

function fixtureWorkspaces(): string[] {
  return readdirSync(WORKSPACES)
    .filter((name) => statSync(join(WORKSPACES, name)).isDirectory())
    .map((name) => join(WORKSPACES, name));
}

function assertSameModel(inWorker: WorkspaceModelScan, inHost: WorkspaceModelScan, where: string): void {
  assert.deepEqual(inWorker.roots, inHost.roots, `${where}: the services`);
  assert.equal(inWorker.cancelled, false);
  for (const root of inHost.roots) {
    const [worker, host] = [inWorker.scopes.get(root), inHost.scopes.get(root)];
    // deepStrictEqual: the same values, and plain objects and Maps on both sides (a class instance would lose its prototype).
    assert.deepStrictEqual(worker?.workspaceFacts, host?.workspaceFacts, `${where}: the facts of ${root}`);
    assert.deepStrictEqual(worker?.charts, host?.charts, `${where}: the Helm charts of ${root}`);
  }
  assert.equal(inWorker.model.signature, inHost.model.signature, `${where}: the deployment model's digests`);
}

describe('the editor scan worker', function () {
  this.timeout(120_000);
  let client: ScanWorkerClient;

  before(() => {
    client = new ScanWorkerClient(sourceWorker());
  });
  after(async () => {
    await client.dispose();
  });

  it('scans every fixture workspace as the in-host scan does: services, facts, files, digests and assessments', async () => {
    const workspaces = fixtureWorkspaces();
    assert.ok(workspaces.length >= 20, `${workspaces.length} fixture workspaces`);
    let assessed = 0;
    for (const folder of workspaces) {
      const root = toCorePath(folder);
      const inHost = await inHostModelScan(root);
      const inWorker = await client.modelScan(folder, root, { today: TODAY });
      assertSameModel(inWorker, inHost, folder);
      // The Stage view's assessment of each service, judged by the workspace's model.
      for (const service of inHost.roots) {
        const stageFile = await loadStageFile(nodeFileSystem, `${service}/.stage.yml`, { today: TODAY, root });
        const host = await assessScope(service, stageFile, {
          fs: nodeFileSystem,
          workspaceRoot: root,
          today: TODAY,
          deployment: inHost.model,
          cache: new ScanCache(),
          fixes: 'titles',
        });
        const worker = await client.assessScope(folder, root, service, stageFile, { today: TODAY });
        assert.deepStrictEqual(worker.service, host.service, `${folder}: the assessment of ${service}`);
        assessed++;
      }
    }
    assert.ok(assessed >= workspaces.length, `${assessed} services assessed`);
    assert.ok(client.heapUsed > 0, 'the worker reports its heap');
  });

  it("keeps shared what services share (the repository's pipeline each nested service inherits), as the in-host scan does", async () => {
    const folder = join(WORKSPACES, 'gitlab-includes', 'monorepo-service-pipelines');
    const root = toCorePath(folder);
    const inHost = await inHostModelScan(root);
    const inWorker = await client.modelScan(folder, root, { today: TODAY });
    assert.equal(inWorker.scopes.size, 3);
    const shared = sharedObjects(inHost.scopes);
    assert.ok(shared > 10, `${shared} objects shared in host`);
    // Cloned one service at a time, the worker's answer shared none of them.
    assert.equal(sharedObjects(inWorker.scopes), shared);
  });

  it("lists in the Stage view's readiness the service's own finding objects: one copy of each crosses to the host", async () => {
    let listed = 0;
    for (const { service, assessed } of await assessedInWorker(client, join(WORKSPACES, 'deployment-judgement'))) {
      const own = new Set(assessed.findings);
      for (const concern of assessed.readiness.concerns)
        for (const finding of concern.findings) {
          assert.ok(own.has(finding), `${service}: a readiness finding that is not one of the service's`);
          listed++;
        }
    }
    assert.ok(listed > 0, 'the fixture has findings due at the next stage');
  });

  it("sends the findings without their rules' texts, and the host's have them again, from its own catalogue", async () => {
    const crossed: Array<Record<string, unknown>> = [];
    const watched = watchedClient((message) => {
      if (message.type === 'findings') crossed.push(...message.findings!);
    });
    try {
      const services = await assessedInWorker(watched, join(WORKSPACES, 'deployment-judgement'));
      const assessedFindings = services.flatMap(({ assessed }) => assessed.findings);
      assert.ok(crossed.length > 0 && crossed.length === assessedFindings.length, `${crossed.length} findings crossed`);
      for (const finding of crossed)
        assert.deepEqual([finding.title, finding.why, finding.fixText, finding.docUrl], [undefined, undefined, undefined, undefined]);
      for (const finding of assessedFindings) assert.ok(finding.title && finding.why && finding.fixText && finding.docUrl, finding.ruleId);
    } finally {
      await watched.dispose();
    }
  });

  describe('on a workspace that changes', () => {
    let dir: string;
    let root: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'stage-guide-scan-worker-'));
      cpSync(join(WORKSPACES, 'deployment-judgement'), dir, { recursive: true });
      root = toCorePath(dir);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('a rescan of an unchanged tree keeps the facts and the model the host holds; a change told to it is read again', async () => {
      const first = await client.modelScan(dir, root, { today: TODAY });
      const second = await client.modelScan(dir, root, { today: TODAY });
      assert.equal(second.model, first.model, 'the model is not rebuilt from the same digests');
      for (const [service, scope] of first.scopes) assert.equal(second.scopes.get(service)?.workspaceFacts, scope.workspaceFacts);

      // A compose file rewritten on disk, as the watcher reports it: the worker's cache reads it again.
      const compose = firstFile(dir, /^(docker-)?compose\.ya?ml$/);
      writeFileSync(compose, 'services:\n  web:\n    image: nginx:latest\n');
      client.noteChanged(dir, toCorePath(compose));
      const third = await client.modelScan(dir, root, { today: TODAY });
      const fresh = await workspaceModelScan(root, { fs: nodeFileSystem, workspaceRoot: root, today: TODAY });
      assertSameModel(third, fresh, 'after a change');
      assert.notEqual(third.model.signature, first.model.signature, 'the change reached the model');
    });

    it('after a change, sends the host only the digests that changed, and the host rebuilds the model it held with them', async () => {
      const sent: Array<{ type: string; count: number }> = [];
      const watched = watchedClient((message) => {
        const crossed = message as { type: string; digests?: unknown[]; changes?: unknown[] };
        if (crossed.type === 'digests' || crossed.type === 'digestChanges')
          sent.push({ type: crossed.type, count: (crossed.digests ?? crossed.changes ?? []).length });
      });
      try {
        const first = await watched.modelScan(dir, root, { today: TODAY });
        assert.ok(sent.length > 0 && sent.every((each) => each.type === 'digests'), 'the first model crosses whole');
        // A line inserted at the top of one compose file: its digest's lines move, every other digest is as it was.
        const compose = firstFile(dir, /^(docker-)?compose\.ya?ml$/);
        writeFileSync(compose, `# moved\n${readFileSync(compose, 'utf8')}`);
        watched.noteChanged(dir, toCorePath(compose));
        sent.length = 0;
        const second = await watched.modelScan(dir, root, { today: TODAY });
        assert.deepEqual(sent, [{ type: 'digestChanges', count: 1 }]);
        assert.notEqual(second.model, first.model);
        assertSameModel(second, await inHostModelScan(root), 'after a line inserted');
        assert.deepEqual(second.model.digests, (await inHostModelScan(root)).model.digests);

        // A host that holds no model (its folder closed and opened again) is sent the whole list.
        watched.keepFolders([]);
        watched.keepFolders([dir]);
        sent.length = 0;
        const third = await watched.modelScan(dir, root, { today: TODAY });
        assert.ok(sent.length > 0 && sent.every((each) => each.type === 'digests'));
        assertSameModel(third, await inHostModelScan(root), 'sent whole');
      } finally {
        await watched.dispose();
      }
    });

    it("after a line inserted in one of its files, sends only the Stage view's findings that changed, and the host's assessment is the in-host one", async () => {
      const answers: string[] = [];
      const watched = watchedClient((message) => answers.push(message.type));
      try {
        const { assess, inHost } = await stageViewOf(watched, dir, root, answers);
        const first = await assess();
        const compose = firstFile(join(dir, 'compose-dev-overlay'), /^(docker-)?compose\.ya?ml$/);
        writeFileSync(compose, `# moved\n${readFileSync(compose, 'utf8')}`);
        watched.noteChanged(dir, toCorePath(compose));
        const second = await assess(first);
        assert.ok(answers.includes('findingChanges') && !answers.includes('findings'), answers.join(', '));
        assert.deepStrictEqual(second, await inHost());
        assert.notDeepStrictEqual(second.findings, first.findings, 'the compose file’s findings moved');
      } finally {
        await watched.dispose();
      }
    });

    it("answers that the Stage view's assessment stands when nothing it was judged from changed, and sends nothing", async () => {
      const answers: string[] = [];
      const watched = watchedClient((message) => answers.push(message.type));
      try {
        const { assess, inHost } = await stageViewOf(watched, dir, root, answers);
        const first = await assess();
        assert.ok(first.findings.length > 0 && answers.includes('findings'), 'the fixture service has findings, sent in slices');
        assert.deepStrictEqual(first, await inHost());

        // Another service's README: that service's evidence, no digest of the model, nothing of this service's scan.
        const readme = join(dir, 'kubectl-namespaces', 'README.md');
        writeFileSync(readme, `${readFileSync(readme, 'utf8')}\n## Runbook\n`);
        watched.noteChanged(dir, toCorePath(readme));
        assert.equal(await assess(first), first, 'the held assessment, as it is');
        assert.deepEqual(answers, ['heap', 'asJudged'], 'no finding crossed');

        // Not held (another object than the one this client returned): judged and sent again.
        assert.notEqual(await assess({ ...first }), first);
        assert.ok(answers.includes('findings'));

        // The service's own compose file: its scan and the model change; judged again, as the in-host scan judges it.
        const compose = join(dir, 'compose-dev-overlay', 'compose.yaml');
        writeFileSync(compose, `${readFileSync(compose, 'utf8')}  cache:\n    image: redis:7\n`);
        watched.noteChanged(dir, toCorePath(compose));
        const changed = await assess(first);
        assert.notEqual(changed, first);
        assert.deepStrictEqual(changed, await inHost());
        // Another day: the findings' deadlines may pass.
        assert.notEqual(await assess(changed, '2026-01-02'), changed);
        assert.ok(answers.includes('assessed'));
      } finally {
        await watched.dispose();
      }
    });

    it("an unsaved editor's text wins over the disk", async () => {
      const compose = firstFile(dir, /^(docker-)?compose\.ya?ml$/);
      const unsaved = 'services:\n  web:\n    image: nginx:latest\n';
      const inWorker = await client.modelScan(`${dir}#unsaved`, root, {
        today: TODAY,
        overrides: new Map([[toCorePath(compose), unsaved]]),
      });
      writeFileSync(compose, unsaved);
      const saved = await workspaceModelScan(root, { fs: nodeFileSystem, workspaceRoot: root, today: TODAY });
      assertSameModel(inWorker, saved, 'with the unsaved text');
    });

    it('a cancelled assessment says so, and the worker goes on with the next request', async () => {
      const scan = await client.modelScan(dir, root, { today: TODAY });
      const service = scan.roots[scan.roots.length - 1];
      const cancelled = await client.assessScope(`${dir}#cancel`, root, service, undefined, {
        today: TODAY,
        cancellation: { isCancellationRequested: true },
      });
      assert.equal(cancelled.cancelled, true);
      const done = await client.assessScope(`${dir}#cancel`, root, service, undefined, { today: TODAY });
      assert.equal(done.cancelled, false);
    });
  });

  describe('a folder whose files come from the host (a virtual workspace)', () => {
    // A root no disk has: whatever the worker finds there, the host's file system told it.
    const VIRTUAL = '/stage-guide-virtual-workspace';
    let files: TreeFileSystem;
    beforeEach(() => {
      files = new TreeFileSystem(filesBelow(join(WORKSPACES, 'deployment-judgement'), VIRTUAL));
    });

    const inHostOver = (fs: CoreFileSystem) =>
      workspaceModelScan(VIRTUAL, { fs, workspaceRoot: VIRTUAL, today: TODAY, cache: new ScanCache(), fixes: 'titles' });

    it('scans it as the in-host scan does over the same files: services, facts, digests and assessments', async () => {
      const inHost = await inHostOver(files);
      const readInHost = new Set(files.read);
      assert.ok(inHost.roots.length >= 3 && inHost.model.signature !== '', 'the fixture has services and a model');
      files.read.length = 0;
      const inWorker = await client.modelScan('virtual:/a', VIRTUAL, { today: TODAY, files });
      assertSameModel(inWorker, inHost, 'through the host');
      // Every file the in-host scan read, the worker asked the host for.
      assert.deepEqual(new Set(files.read), readInHost);
      for (const service of inHost.roots) {
        const stageFile = await loadStageFile(files, `${service}/.stage.yml`, { today: TODAY, root: VIRTUAL });
        const options = { fs: files, workspaceRoot: VIRTUAL, today: TODAY, deployment: inHost.model, cache: new ScanCache() };
        const host = await assessScope(service, stageFile, { ...options, fixes: 'titles' });
        const worker = await client.assessScope('virtual:/a', VIRTUAL, service, stageFile, { today: TODAY, files });
        assert.deepStrictEqual(worker.service, host.service, `the assessment of ${service}`);
      }
    });

    it('a rescan reads through the host only the file the watcher reported', async () => {
      const first = await client.modelScan('virtual:/b', VIRTUAL, { today: TODAY, files });
      const compose = first.model.digests.map((digest) => digest.path).find((path) => /\/compose\.ya?ml$/.test(path));
      assert.ok(compose, 'a compose file');
      files.write(compose, 'services:\n  web:\n    image: nginx:latest\n');
      client.noteChanged('virtual:/b', compose);
      files.read.length = 0;
      const second = await client.modelScan('virtual:/b', VIRTUAL, { today: TODAY, files });
      // Besides what every scan reads again: the services' .stage.yml files and the folders' .gitignore rules.
      assert.deepEqual(
        files.read.filter((path) => !path.endsWith('/.gitignore') && !path.endsWith('/.stage.yml')),
        [compose],
      );
      assertSameModel(second, await inHostOver(files), 'after the change');
      assert.notEqual(second.model.signature, first.model.signature, 'the change reached the model');
    });

    it('a call the host cannot answer fails that scan with the reason, and the worker goes on with the next', async () => {
      const failing: CoreFileSystem = {
        readFile: (path, maxBytes) => files.readFile(path, maxBytes),
        readText: (path) => files.readText(path),
        stat: (path) => files.stat(path),
        realPath: (path) => files.realPath(path),
        readDirectory: async () => {
          throw new Error('the remote went away');
        },
      };
      await assert.rejects(
        client.modelScan('virtual:/c', VIRTUAL, { today: TODAY, files: failing }),
        /scan failed: .*the host could not answer a file system call: the remote went away/,
      );
      assert.equal(client.usable, true);
      const next = await client.modelScan('virtual:/c', VIRTUAL, { today: TODAY, files });
      assert.ok(next.roots.length >= 3);
    });
  });

  describe('a worker that says nothing (a scan stuck in one stretch of work)', () => {
    const root = toCorePath(join(WORKSPACES, 'mvp-service'));
    /** Loads, says so, and never turns its event loop again once asked to scan. */
    const stuck = workerOf(
      "const port = require('node:worker_threads').parentPort; port.postMessage({ type: 'alive' }); port.on('message', (m) => { if (m.type === 'modelScan') for (;;); });",
    );

    it('is stopped: its requests fail with ScanWorkerStuck, and the next request starts a new worker that answers', async () => {
      let started = 0;
      const spawns = [stuck, sourceWorker()];
      // 5 s: a worker from source on a loaded machine may spend a second in one step (its first catalogues).
      const watched = new ScanWorkerClient(() => spawns[started++](), 5_000);
      const asked = Date.now();
      await assert.rejects(watched.modelScan('folder', root, { today: TODAY }), (error: unknown) => {
        assert.ok(error instanceof ScanWorkerStuck, String(error));
        assert.match(error.message, /said nothing for \d+ s \(a scan stuck in one stretch of work\) and was stopped/);
        return true;
      });
      const waited = Date.now() - asked;
      assert.ok(waited >= 5_000 && waited < 20_000, `stopped after ${waited} ms`);
      // Not a worker that stopped for good: the extension must not scan in its own thread, and the next scan has a worker.
      assert.equal(watched.usable, true);
      const scan = await watched.modelScan('folder', root, { today: TODAY });
      assert.equal(started, 2);
      assertSameModel(scan, await inHostModelScan(root), 'in the new worker');
      await watched.dispose();
    });

    it('a worker that keeps saying it is alive is waited for, however long its request takes', async () => {
      const slow = workerOf(
        "const port = require('node:worker_threads').parentPort; port.on('message', (m) => { if (m.type !== 'modelScan') return; const alive = setInterval(() => port.postMessage({ type: 'alive' }), m.aliveEveryMs); setTimeout(() => { clearInterval(alive); port.postMessage({ type: 'failed', id: m.id, message: 'answered after 1.5 s' }); }, 1_500); });",
      );
      const watched = new ScanWorkerClient(slow, 300);
      await assert.rejects(watched.modelScan('folder', root, { today: TODAY }), /scan failed: answered after 1\.5 s/);
      await watched.dispose();
    });

    it('the worker says it is alive while its scan waits on the host (a virtual workspace whose remote is slow)', async () => {
      const VIRTUAL = '/stage-guide-virtual-workspace';
      const files = new TreeFileSystem(filesBelow(join(WORKSPACES, 'mvp-service'), VIRTUAL));
      let delayed = false;
      const slowRemote: CoreFileSystem = {
        readFile: (path, maxBytes) => files.readFile(path, maxBytes),
        readText: (path) => files.readText(path),
        stat: (path) => files.stat(path),
        realPath: (path) => files.realPath(path),
        readDirectory: async (path) => {
          // The first listing takes four times as long as the worker may stay silent.
          if (!delayed) await new Promise((resolve) => setTimeout(resolve, 8_000));
          delayed = true;
          return files.readDirectory(path);
        },
      };
      const watched = new ScanWorkerClient(sourceWorker(), 2_000);
      const scan = await watched.modelScan('virtual:/slow', VIRTUAL, { today: TODAY, files: slowRemote });
      assert.ok(delayed && scan.roots.length > 0, 'scanned through the slow listing');
      await watched.dispose();
    });
  });

  describe('a worker that fails', () => {
    const root = toCorePath(join(WORKSPACES, 'mvp-service'));

    async function stoppedWith(spawn: () => Worker, why: RegExp): Promise<ScanWorkerClient> {
      const failing = new ScanWorkerClient(spawn);
      const started = Date.now();
      await assert.rejects(failing.modelScan('folder', root, { today: TODAY }), (error: unknown) => {
        assert.ok(error instanceof ScanWorkerStopped, String(error));
        assert.match(error.message, /the scan worker stopped/);
        assert.match(error.message, why);
        return true;
      });
      assert.ok(Date.now() - started < 30_000, 'failed at once');
      assert.equal(failing.usable, false, 'the extension scans in its own thread from then on');
      // A later request fails at once too (no worker is started again).
      await assert.rejects(failing.assessScope('folder', root, root, undefined, { today: TODAY }), ScanWorkerStopped);
      await failing.dispose();
      return failing;
    }

    it('one whose start throws', async () => {
      await stoppedWith(() => {
        throw new Error('no threads here');
      }, /could not start: no threads here/);
    });

    it('one whose code throws as it loads', async () => {
      await stoppedWith(workerOf("throw new Error('broken bundle')"), /broken bundle/);
    });

    it('one that exits in the middle of a request', async () => {
      await stoppedWith(workerOf("require('node:worker_threads').parentPort.on('message', () => process.exit(3))"), /exited with code 3/);
    });

    it('one that runs out of its bounded heap', async () => {
      const hog =
        "const kept = []; require('node:worker_threads').parentPort.on('message', () => { for (;;) kept.push(new Array(1e5).fill(kept.length)); })";
      await stoppedWith(workerOf(hog, { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 }), /memory/i);
    });

    it('a bundle without the worker beside it never starts one', async () => {
      const without = new ScanWorkerClient(undefined);
      assert.equal(without.usable, false);
      await assert.rejects(without.modelScan('folder', root, { today: TODAY }), /no dist\/scanWorker\.js/);
    });
  });
});

/**
 * The Stage view of the deployment-judgement fixture's compose-dev-overlay service, through `client`, as the view asks:
 * the workspace model first, then the service judged by it, naming what the view holds; `answers` is emptied between.
 */
async function stageViewOf(client: ScanWorkerClient, dir: string, root: string, answers: string[]) {
  const service = toCorePath(join(dir, 'compose-dev-overlay'));
  const stageFile = await loadStageFile(nodeFileSystem, `${service}/.stage.yml`, { today: TODAY, root });
  const assess = async (held?: ServiceAssessment, today = TODAY) => {
    await client.modelScan(dir, root, { today });
    answers.length = 0;
    return (await client.assessScope(dir, root, service, stageFile, { today, ...(held ? { held } : {}) })).service;
  };
  /** The same service as the in-host scan assesses it (a fresh model and cache). */
  const inHost = async () => {
    const model = await inHostModelScan(root);
    const options = { fs: nodeFileSystem, workspaceRoot: root, today: TODAY, deployment: model.model, cache: new ScanCache() };
    return (await assessScope(service, stageFile, { ...options, fixes: 'titles' })).service;
  };
  return { assess, inHost };
}

/** The model scan as the extension's in-host scan runs it: quick fixes kept by their titles (the worker keeps them so too). */
function inHostModelScan(root: string): Promise<WorkspaceModelScan> {
  return workspaceModelScan(root, { fs: nodeFileSystem, workspaceRoot: root, today: TODAY, cache: new ScanCache(), fixes: 'titles' });
}

/** A client of a worker from source whose every message to the host is shown to `onMessage` first. */
function watchedClient(onMessage: (message: { type: string; findings?: Array<Record<string, unknown>> }) => void): ScanWorkerClient {
  return new ScanWorkerClient(() => {
    const worker = sourceWorker()();
    worker.on('message', onMessage);
    return worker;
  });
}

/** Each service of a fixture workspace, as the worker assesses it for the Stage view after its model scan. */
async function assessedInWorker(
  worker: ScanWorkerClient,
  folder: string,
): Promise<Array<{ service: string; assessed: ServiceAssessment }>> {
  const root = toCorePath(folder);
  const scan = await worker.modelScan(folder, root, { today: TODAY });
  const services = [];
  for (const service of scan.roots) {
    const stageFile = await loadStageFile(nodeFileSystem, `${service}/.stage.yml`, { today: TODAY, root });
    services.push({ service, assessed: (await worker.assessScope(folder, root, service, stageFile, { today: TODAY })).service });
  }
  return services;
}

/** How many objects of the services' workspace facts are reached from more than one service's. */
function sharedObjects(scopes: ReadonlyMap<string, { workspaceFacts: unknown }>): number {
  const reachedFrom = new Map<object, number>();
  for (const { workspaceFacts } of scopes.values()) {
    const seen = new Set<object>();
    const pending: unknown[] = [workspaceFacts];
    while (pending.length > 0) {
      const value = pending.pop();
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      seen.add(value);
      reachedFrom.set(value, (reachedFrom.get(value) ?? 0) + 1);
      pending.push(
        ...(value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value)),
      );
    }
  }
  return [...reachedFrom.values()].filter((count) => count > 1).length;
}

/** Every file below `dir` (path → text), at the same place below `root`. */
function filesBelow(dir: string, root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const relative of readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]) {
    const path = join(dir, relative);
    if (statSync(path).isFile()) files[`${root}/${relative.split('\\').join('/')}`] = readFileSync(path, 'utf8');
  }
  return files;
}

function firstFile(dir: string, name: RegExp): string {
  const found = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).find((file) => name.test(file.split('/').pop()!));
  assert.ok(found, `a file named like ${name} in ${dir}`);
  return join(dir, found);
}
