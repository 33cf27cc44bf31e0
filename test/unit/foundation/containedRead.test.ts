import { strict as assert } from 'node:assert';
import { MAX_READ_BYTES } from '../../../src/core/fileSystem';
import type { FileFacts } from '../../../src/core/fileSystem';
import { readContained, writeRefusal } from '../../../src/core/workspace/containedRead';
import { loadStageFile, resolveGoverning } from '../../../src/core/workspace/stageResolution';
import { MemoryFileSystem } from './memoryFileSystem';

const OPTIONS = { today: '2025-06-01' };
const FIFO: FileFacts = { kind: 'other', symlink: false, size: 0 };
const FILE = (size: number): FileFacts => ({ kind: 'file', symlink: false, size });
const TEAM = 'concerns:\n  - id: security\n    cells:\n      mvp: { text: "Team text" }\n';

/**
 * The core's one decision about reading and writing inside a repository (issue 10, items 3, 4,
 * 11, 12), through an injected file system: a permission error (tests run as root, so EACCES
 * cannot be made on disk), FIFOs, links and sizes are all simulated here.
 */
describe('foundation: contained reads and writes (the core decision, injected file system)', () => {
  describe('a .stage.yml that is there but cannot be read is a problem, never "no .stage.yml"', () => {
    it('permission denied (EACCES)', async () => {
      const fs = new MemoryFileSystem({ '/ws/src/app.ts': '' }).special('/ws/.stage.yml', FILE(20), {
        status: 'unreadable',
        reason: 'permission denied, EACCES',
      });
      const governing = await resolveGoverning(fs, '/ws/src', '/ws', OPTIONS);
      assert.ok(governing.stageFile, 'the file governs (with its problem)');
      assert.equal(governing.stage, undefined);
      assert.equal(governing.stageFile.unreadable, true);
      assert.deepEqual(
        governing.stageFile.problems.map((problem) => [problem.code, problem.severity, problem.message]),
        [['unreadable-file', 'error', 'This .stage.yml cannot be read (permission denied, EACCES).']],
      );
    });

    it('a FIFO, a folder, a huge file', async () => {
      const fs = new MemoryFileSystem()
        .special('/a/.stage.yml', FIFO, { status: 'ok', text: 'never read' })
        .special('/b/.stage.yml', { kind: 'directory', symlink: false, size: 0 }, { status: 'ok', text: 'never read' })
        .special('/c/.stage.yml', FILE(MAX_READ_BYTES + 1), { status: 'ok', text: 'never read' });
      const messages = [];
      for (const dir of ['/a', '/b', '/c']) messages.push((await loadStageFile(fs, `${dir}/.stage.yml`, OPTIONS))?.problems[0]?.message);
      assert.deepEqual(messages, [
        'This .stage.yml is not a regular file (a FIFO, device or socket).',
        'This .stage.yml is a folder, not a file.',
        `This .stage.yml is too large (${MAX_READ_BYTES + 1} bytes; the limit is ${MAX_READ_BYTES}).`,
      ]);
    });

    it('a .stage.yml whose real path is outside the root is not read', async () => {
      const fs = new MemoryFileSystem({ '/etc/shadow': 'root:secret\n', '/ws/.stage.yml': 'stage: mvp\n' }).link(
        '/ws/.stage.yml',
        '/etc/shadow',
      );
      const state = await loadStageFile(fs, '/ws/.stage.yml', { ...OPTIONS, root: '/ws' });
      assert.match(state?.problems[0]?.message ?? '', /outside the repository/);
      assert.ok(!fs.reads.includes('/etc/shadow'));
    });

    it('nothing there is still "no .stage.yml"', async () => {
      assert.equal(await loadStageFile(new MemoryFileSystem(), '/ws/.stage.yml', OPTIONS), undefined);
    });
  });

  describe('matrix: is read only inside the root, only a regular file within the cap, never echoed', () => {
    const refusal = async (fs: MemoryFileSystem, matrix: string) => {
      fs.write('/ws/svc/.stage.yml', `stage: mvp\nmatrix: ${matrix}\n`);
      const governing = await resolveGoverning(fs, '/ws/svc', '/ws', OPTIONS);
      assert.equal(governing.stageFile?.teamMatrix, undefined, 'no team matrix applied');
      assert.deepEqual(
        governing.stageFile?.problems.map((problem) => problem.code),
        ['matrix-refused'],
      );
      assert.deepEqual(governing.stageFile?.problems[0].range, {
        start: { line: 1, character: 8 },
        end: { line: 1, character: 8 + matrix.length },
      });
      return governing.stageFile!.problems[0].message;
    };

    it('../ out of the root, an absolute path, a link out', async () => {
      const fs = () => new MemoryFileSystem({ '/etc/shadow': 'root:secret\n', '/ws/x': '' });
      assert.match(await refusal(fs(), '../../etc/shadow'), /outside the repository/);
      assert.match(await refusal(fs(), '/etc/shadow'), /outside the repository/);
      const linked = fs();
      linked.write('/ws/svc/team.yml', '');
      assert.match(await refusal(linked.link('/ws/svc/team.yml', '/etc/shadow'), 'team.yml'), /outside the repository/);
    });

    it('a folder linked out of the root', async () => {
      const fs = new MemoryFileSystem({ '/elsewhere/team.yml': TEAM, '/ws/shared/team.yml': TEAM }).link('/ws/shared', '/elsewhere');
      assert.match(await refusal(fs, '../shared/team.yml'), /outside the repository/);
    });

    it('a FIFO, a huge file', async () => {
      assert.match(
        await refusal(new MemoryFileSystem().special('/ws/team.yml', FIFO, { status: 'ok', text: TEAM }), '../team.yml'),
        /not a regular file/,
      );
      assert.match(
        await refusal(new MemoryFileSystem().special('/ws/team.yml', FILE(5e9), { status: 'ok', text: TEAM }), '../team.yml'),
        /too large \(5000000000 bytes/,
      );
    });

    it('a team matrix inside the root, even through ../ and a link that stays inside, applies', async () => {
      const fs = new MemoryFileSystem({
        '/ws/team/matrix.yml': TEAM,
        '/ws/svc/.stage.yml': 'stage: mvp\nmatrix: ../alias.yml\n',
        '/ws/alias.yml': '',
      }).link('/ws/alias.yml', '/ws/team/matrix.yml');
      const governing = await resolveGoverning(fs, '/ws/svc', '/ws', OPTIONS);
      assert.deepEqual(governing.stageFile?.problems, []);
      assert.equal(governing.matrix.concerns.find((concern) => concern.id === 'security')?.cells.mvp.text, 'Team text');
    });

    it('readContained compares real paths on both sides (a root that is itself a link)', async () => {
      const fs = new MemoryFileSystem({ '/real/ws/team.yml': TEAM, '/ws/team.yml': TEAM }).link('/ws', '/real/ws');
      assert.equal((await readContained(fs, '/ws/team.yml', '/ws')).status, 'ok');
    });
  });

  describe('writes: only a regular file (not a link) inside the root', () => {
    it('refuses a link (in or out), a FIFO, a file outside; allows a regular file and a new one in a real folder', async () => {
      const fs = new MemoryFileSystem({
        '/ws/in/.stage.yml': 'stage: mvp\n',
        '/ws/link/.stage.yml': 'stage: mvp\n',
        '/ws/out/.stage.yml': '',
        '/etc/x': '',
        '/ws/newdir/a.ts': '',
        '/ws/outdir/a.ts': '',
        '/tmp/a.ts': '',
      })
        .link('/ws/link/.stage.yml', '/ws/in/.stage.yml')
        .special('/ws/fifo/.stage.yml', FIFO, { status: 'ok', text: '' })
        .link('/ws/outdir', '/tmp');
      const link = await fs.stat('/ws/link/.stage.yml');
      assert.equal(link?.symlink, true);
      assert.equal(await writeRefusal(fs, '/ws/in/.stage.yml', '/ws'), undefined);
      assert.match((await writeRefusal(fs, '/ws/link/.stage.yml', '/ws')) ?? '', /symbolic link/);
      assert.match((await writeRefusal(fs, '/ws/fifo/.stage.yml', '/ws')) ?? '', /not a regular file/);
      assert.match((await writeRefusal(fs, '/etc/x', '/ws')) ?? '', /outside the repository/);
      assert.equal(await writeRefusal(fs, '/ws/newdir/.stage.yml', '/ws'), undefined);
      assert.match((await writeRefusal(fs, '/ws/outdir/.stage.yml', '/ws')) ?? '', /outside the repository/);
    });
  });
});
