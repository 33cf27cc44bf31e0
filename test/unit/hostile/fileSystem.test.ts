import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeRun, HOSTILE_DEADLINE_MS, hostileCli, prepareHostileCli, removeHostileCli, runCapped } from './cappedCli';
import type { CappedRun } from './cappedCli';

/**
 * File-system traps a cloned repository can hold (issue 10, items 3, 4, 9, 10, 11, 12, 13): team
 * matrices and `.stage.yml` files that lead outside the repository, FIFOs and devices under the
 * names Stage Guide reads, and `set`/`init` writing through links, under size limits and
 * concurrently. Each runs the real CLI under the hostile suite's heap cap and deadline.
 */
const SECRET = 'root:$6$hashed-secret-line:19000:0:99999:7:::';

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  assert.equal(made.status, 0, `mkfifo ${path}: ${made.stderr}`);
}

/** A repository in a temp folder under `parent` (with .git, so it is its own root), beside an "outside" folder. */
function repository(parent = tmpdir()): { repo: string; outside: string; cleanup(): void } {
  const base = mkdtempSync(join(parent, 'stage-guide-hostile-fs-'));
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'shadow'), `${SECRET}\nconcerns: nope\n`);
  return { repo, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

function assertEndsCleanly(run: CappedRun, status: number): void {
  assert.ok(!run.timedOut && run.signal === null, describeRun(run));
  assert.equal(run.status, status, describeRun(run));
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `no stack trace: ${describeRun(run)}`);
}

function assertNoLeak(run: CappedRun): void {
  assert.ok(!`${run.stdout}${run.stderr}`.includes('hashed-secret'), `the outside file's content is never printed: ${describeRun(run)}`);
}

describe('hostile: file-system traps (matrix containment, special files, safe writes)', function () {
  // A few capped runs per test, and making 20,000 folders, on a shared 2-core machine: generous, still ends.
  this.timeout(HOSTILE_DEADLINE_MS * 6);
  let ws: ReturnType<typeof repository>;
  beforeEach(() => {
    ws = repository();
  });
  afterEach(() => ws.cleanup());
  before(prepareHostileCli);
  after(removeHostileCli);

  describe('matrix: stays inside the repository, reads only a regular file within the cap', () => {
    const refusedMatrix = (matrix: string, why: RegExp) => {
      writeFileSync(join(ws.repo, '.stage.yml'), `stage: mvp\nmatrix: ${matrix}\n`);
      const run = runCapped(['validate', '--json'], ws.repo);
      assertEndsCleanly(run, 1);
      assertNoLeak(run);
      const problems = JSON.parse(run.stdout).problems as Array<{ code: string; message: string; file: string }>;
      assert.deepEqual(
        problems.map((problem) => problem.code),
        ['matrix-refused'],
        run.stdout,
      );
      assert.match(problems[0].message, why);
      assert.equal(problems[0].file, '.stage.yml', 'the problem is located in the .stage.yml, not in the outside file');
    };

    it('a relative path out of the repository (../outside/shadow) is refused and never echoed', () => {
      refusedMatrix('../outside/shadow', /outside the repository/);
    });

    it('an absolute path to a file outside is refused', () => {
      refusedMatrix(join(ws.outside, 'shadow'), /outside the repository/);
    });

    it('a symbolic link in the repository to a file outside is refused', () => {
      symlinkSync(join(ws.outside, 'shadow'), join(ws.repo, 'team-matrix.yml'));
      refusedMatrix('team-matrix.yml', /outside the repository/);
    });

    it('/dev/zero (through a link in the repository) ends at once', () => {
      symlinkSync('/dev/zero', join(ws.repo, 'zero.yml'));
      refusedMatrix('zero.yml', /outside the repository/);
    });

    it('a FIFO in the repository does not hang: not a regular file', () => {
      mkfifo(join(ws.repo, 'team-matrix.yml'));
      refusedMatrix('team-matrix.yml', /not a regular file/);
    });

    it('a folder is not a file', () => {
      mkdirSync(join(ws.repo, 'team-matrix.yml'));
      refusedMatrix('team-matrix.yml', /is a folder/);
    });

    it('a huge file is too large, unread', () => {
      writeFileSync(join(ws.repo, 'team-matrix.yml'), `concerns:\n${'  # padding line of a generated team matrix\n'.repeat(60000)}`);
      refusedMatrix('team-matrix.yml', /too large/);
    });

    it('a team matrix inside the repository (reached by ../ from a service) still applies', () => {
      mkdirSync(join(ws.repo, 'services', 'api'), { recursive: true });
      writeFileSync(join(ws.repo, 'team-matrix.yml'), 'concerns:\n  - id: security\n    cells:\n      mvp: { text: "Team text" }\n');
      writeFileSync(join(ws.repo, 'services', 'api', '.stage.yml'), 'stage: mvp\nmatrix: ../../team-matrix.yml\n');
      const run = runCapped(['validate', 'services/api', '--json'], ws.repo);
      assertEndsCleanly(run, 0);
    });
  });

  describe('special files under the names Stage Guide reads', () => {
    it('a FIFO named .stage.yml: validate reports it (exit 1), no hang, not "nothing to validate"', () => {
      mkfifo(join(ws.repo, '.stage.yml'));
      const run = runCapped(['validate'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stdout, /\.stage\.yml:1:1 error unreadable-file This \.stage\.yml is not a regular file/);
      assert.doesNotMatch(run.stdout, /nothing to validate/);
    });

    it('a FIFO .stage.yml in a service below is reported too', () => {
      mkdirSync(join(ws.repo, 'services', 'api'), { recursive: true });
      mkfifo(join(ws.repo, 'services', 'api', '.stage.yml'));
      const run = runCapped(['validate', '--json'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.deepEqual(
        JSON.parse(run.stdout).problems.map((problem: { file: string; code: string }) => `${problem.file} ${problem.code}`),
        ['services/api/.stage.yml unreadable-file'],
      );
    });

    it('a folder named .stage.yml (a file that cannot be read, as EACCES would be) is a problem, exit 1', () => {
      mkdirSync(join(ws.repo, '.stage.yml'));
      const run = runCapped(['validate'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stdout, /unreadable-file This \.stage\.yml is a folder, not a file/);
    });

    it('a .stage.yml linked to a file outside is not read (its lines never reach the output)', () => {
      symlinkSync(join(ws.outside, 'shadow'), join(ws.repo, '.stage.yml'));
      const run = runCapped(['validate'], ws.repo);
      assertEndsCleanly(run, 1);
      assertNoLeak(run);
      assert.match(run.stdout, /unreadable-file This \.stage\.yml is outside the repository/);
    });

    it('FIFOs named .gitignore, CODEOWNERS and docs/CODEOWNERS do not hang check', () => {
      writeFileSync(join(ws.repo, '.stage.yml'), 'stage: mvp\n');
      writeFileSync(join(ws.repo, 'Dockerfile'), 'FROM node:20\n');
      mkdirSync(join(ws.repo, 'docs'));
      mkdirSync(join(ws.repo, 'sub'));
      for (const name of ['.gitignore', 'CODEOWNERS', 'docs/CODEOWNERS', 'sub/.gitignore', 'compose.yaml']) mkfifo(join(ws.repo, name));
      const run = runCapped(['check', '--format', 'json', '--fail-on', 'none'], ws.repo);
      assertEndsCleanly(run, 0);
    });

    it('config files check cannot read as such (a FIFO, a link out) are notifications, not silence; a link inside the repository is not', () => {
      writeFileSync(join(ws.repo, '.stage.yml'), 'stage: mvp\n');
      mkdirSync(join(ws.repo, '.github', 'workflows'), { recursive: true });
      mkdirSync(join(ws.repo, 'deploy'));
      writeFileSync(join(ws.repo, 'deploy', 'real.Dockerfile'), 'FROM node:20\n');
      mkfifo(join(ws.repo, 'compose.yaml'));
      symlinkSync('deploy/real.Dockerfile', join(ws.repo, 'Dockerfile'));
      symlinkSync(join(ws.outside, 'shadow'), join(ws.repo, '.github', 'workflows', 'x.yml'));
      const json = runCapped(['check', '--format', 'json'], ws.repo);
      assertEndsCleanly(json, 1);
      assertNoLeak(json);
      const notices = (JSON.parse(json.stdout) as { notifications: Array<{ code: string; file: string; message: string }> }).notifications;
      // Dockerfile -> deploy/real.Dockerfile is a common layout: its target is read where it lies, and it must not fail the check.
      assert.deepEqual(notices.map((notice) => [notice.code, notice.file]).sort(), [
        ['unreadable-file', '.github/workflows/x.yml'],
        ['unreadable-file', 'compose.yaml'],
      ]);
      assert.match(notices.find((notice) => notice.file === 'compose.yaml')!.message, /not a regular file/);
      assert.match(
        notices.find((notice) => notice.file === '.github/workflows/x.yml')!.message,
        /symbolic link that leads out of the repository/,
      );
      const text = runCapped(['check'], ws.repo);
      assertEndsCleanly(text, 1);
      assert.match(text.stderr, /compose\.yaml:1:1 warning unreadable-file Could not read this file \(it is not a regular file/);
      const sarif = runCapped(['check', '--format', 'sarif'], ws.repo);
      const notifications = (JSON.parse(sarif.stdout) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: unknown[] }> }> })
        .runs[0].invocations[0].toolExecutionNotifications;
      assert.equal(notifications.length, 2);
    });

    it('validate says so when it stops after 20,000 folders (exit 1, never a silent partial answer)', () => {
      ws.cleanup();
      ws = repository(memoryTempDir());
      writeFileSync(join(ws.repo, '.stage.yml'), 'stage: mvp\n');
      for (let index = 0; index <= 20000; index++) mkdirSync(join(ws.repo, `d${index}`));
      const run = runCapped(['validate', '--json'], ws.repo);
      assertEndsCleanly(run, 1);
      const report = JSON.parse(run.stdout) as { problems: unknown[]; notifications: Array<{ level: string; message: string }> };
      assert.deepEqual(report.problems, []);
      assert.match(report.notifications[0]?.message ?? '', /Stopped looking for \.stage\.yml files after 20000 folders/);
    });
  });

  describe('set and init write only a regular file inside the repository, whole or not at all', () => {
    it('set through a .stage.yml linked to a file outside refuses and leaves the outside file alone', () => {
      const target = join(ws.outside, 'shadow');
      const before = readFileSync(target, 'utf8');
      symlinkSync(target, join(ws.repo, '.stage.yml'));
      const run = runCapped(['set', 'production'], ws.repo);
      assertEndsCleanly(run, 1);
      assertNoLeak(run);
      assert.match(run.stderr, /outside the repository.*Not changed\./);
      assert.equal(readFileSync(target, 'utf8'), before);
    });

    it('set through a link to a file inside the repository refuses too (it would replace the link)', () => {
      writeFileSync(join(ws.repo, 'real.yml'), 'stage: mvp\n');
      symlinkSync('real.yml', join(ws.repo, '.stage.yml'));
      const run = runCapped(['set', 'production'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stderr, /is a symbolic link/);
      assert.equal(readFileSync(join(ws.repo, 'real.yml'), 'utf8'), 'stage: mvp\n');
    });

    it('set on a FIFO .stage.yml ends with a message (no hang, no write)', () => {
      mkfifo(join(ws.repo, '.stage.yml'));
      const run = runCapped(['set', 'production'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stderr, /not a regular file.*Not changed\./);
      assert.ok(statSync(join(ws.repo, '.stage.yml')).isFIFO());
    });

    it('set on a block-scalar stage keeps the next key on its own line', () => {
      writeFileSync(join(ws.repo, '.stage.yml'), 'stage: |\n  mvp\nname: orders\n');
      const run = runCapped(['set', 'production'], ws.repo);
      assertEndsCleanly(run, 0);
      assert.equal(readFileSync(join(ws.repo, '.stage.yml'), 'utf8'), 'stage: production\nname: orders\n');
    });

    it('set keeps the file mode', () => {
      const path = join(ws.repo, '.stage.yml');
      writeFileSync(path, '# keep me\nstage: mvp\n');
      chmodSync(path, 0o640);
      const run = runCapped(['set', 'scale'], ws.repo);
      assertEndsCleanly(run, 0);
      assert.equal(statSync(path).mode & 0o777, 0o640);
      assert.equal(readFileSync(path, 'utf8'), '# keep me\nstage: scale\n');
    });

    it('set under a file-size limit leaves the original whole (EFBIG: one line, exit 1)', () => {
      const path = join(ws.repo, '.stage.yml');
      const original = `stage: mvp\n${Array.from({ length: 3000 }, (_, index) => `# comment line ${index} that must survive\n`).join('')}`;
      writeFileSync(path, original);
      // `ulimit -f 16`: at most 16 blocks of 512 bytes (8 KiB) per file written, far below the file's ~100 KB.
      const run = runCapped(['set', 'production'], ws.repo, { fileSizeBlocks: 16 });
      assertEndsCleanly(run, 1);
      assert.match(run.stderr, /could not write \.stage\.yml: .*EFBIG.*left as it was/);
      assert.equal(readFileSync(path, 'utf8'), original);
    });

    it('init over a dangling link named .stage.yml refuses with a message (no EEXIST stack trace)', () => {
      symlinkSync(join(ws.outside, 'nowhere'), join(ws.repo, '.stage.yml'));
      const run = runCapped(['init', '--stage', 'mvp'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stderr, /already exists/);
      assert.throws(() => statSync(join(ws.outside, 'nowhere')), 'nothing was created through the link');
    });

    it('init in a folder that cannot be created is one line, exit 1', () => {
      writeFileSync(join(ws.repo, 'file'), 'x');
      const run = runCapped(['init', '--stage', 'mvp', 'file/sub'], ws.repo);
      assertEndsCleanly(run, 1);
      assert.match(run.stderr, /could not create the folder file\/sub/);
    });

    it('--root to a missing path is a usage error', () => {
      writeFileSync(join(ws.repo, '.stage.yml'), 'stage: mvp\n');
      const run = runCapped(['show', '--root', 'no/such/folder'], ws.repo);
      assertEndsCleanly(run, 2);
      assert.match(run.stderr, /--root: not a folder: no\/such\/folder/);
    });

    it('40 concurrent set runs never lose a comment or a key', async function () {
      // 40 node processes on a shared 2-core machine: a generous deadline, still far from a hang.
      this.timeout(CONCURRENT_DEADLINE_MS + 30000);
      const path = join(ws.repo, '.stage.yml');
      const comments = Array.from({ length: 200 }, (_, index) => `# team note ${index}`).join('\n');
      writeFileSync(path, `${comments}\nname: orders\nstage: mvp\nconcerns:\n  security: production\n`);
      const cli = hostileCli();
      const stages = ['prototype', 'mvp', 'production', 'scale', 'enterprise'];
      const runs = await Promise.all(
        Array.from({ length: 40 }, (_, index) => runAsync(cli, ['set', stages[index % stages.length]], ws.repo)),
      );
      for (const run of runs) assert.equal(run.status, 0, `status ${run.status}: ${run.stderr}`);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.startsWith(`${comments}\nname: orders\nstage: `), text.slice(0, 200));
      const parsed = parse(text) as Record<string, unknown>;
      assert.deepEqual(Object.keys(parsed), ['name', 'stage', 'concerns']);
      assert.ok(stages.includes(parsed.stage as string));
      assert.deepEqual(parsed.concerns, { security: 'production' });
    });
  });
});

const CONCURRENT_DEADLINE_MS = 180000;

/**
 * A temp folder in memory (tmpfs) where the machine has one, else the usual one. The CLI walks
 * folders the same on either; but making and deleting 20,000 of them in the disk-backed temp folder
 * took about 22 s of waiting on the disk on the project's machine (2 s in /dev/shm): the slowest
 * step of the unit suite.
 */
function memoryTempDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch {
    // No /dev/shm (macOS, Windows) or not writable: the usual temp folder.
  }
  return tmpdir();
}

function runAsync(cli: string, args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CONCURRENT_DEADLINE_MS);
    child.on('error', fail);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stderr });
    });
  });
}
