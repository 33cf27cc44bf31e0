import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { processTerminal, paint } from '../../../src/cli/terminal';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { findConcern } from '../../../src/core/matrix/matrixQueries';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import { BUILT_CLI, TempWorkspace } from './cliProcess';
import type { CliRun } from './cliProcess';
import { CONCERN_IDS, readSeedTable, REPO_ROOT } from './seedTable';

const COMMANDS = ['show', 'upgrades', 'check', 'assess', 'matrix', 'validate', 'init', 'set'];
const ESC = '\u001b';
const matrix = builtinMatrix();
const seed = readSeedTable();

/** Words joined by single spaces: wrapped output and seed text compare equal this way. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Lines wider than an 80-column terminal. A line that is only an indented URL
 * is left out: a URL cannot be wrapped without breaking it.
 */
function overlong(output: string): string[] {
  return output.split('\n').filter((line) => [...line].length > 80 && !/^\s*https:\/\/\S+$/.test(line));
}

function assertPlain(run: CliRun): void {
  assert.ok(!run.stdout.includes(ESC), 'no colour codes on stdout when not a TTY');
  assert.ok(!run.stderr.includes(ESC), 'no colour codes on stderr when not a TTY');
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

const cliFixture = (name: string) => readText(resolve(REPO_ROOT, 'test/fixtures/cli', name));

/**
 * The commands run in this process through runCli on a capturing, non-TTY terminal: the same
 * code the binary runs, without a node start-up per run. "the built binary" below proves
 * the process around it (exit codes, the two streams, a closed pipe, no colour on a pipe).
 */
describe('foundation: the stage-guide CLI (in process)', function () {
  let ws: TempWorkspace;

  beforeEach(() => {
    ws = new TempWorkspace();
  });

  afterEach(() => {
    ws.dispose();
  });

  describe('help and usage errors', () => {
    it('--help lists every command and the exit codes', async () => {
      const run = await ws.run(['--help']);
      assert.equal(run.status, 0);
      for (const command of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${command} +\\S`, 'm'), command);
      assert.match(run.stdout, /usage: stage-guide <command>/);
      assert.match(run.stdout, /Exit codes: 0 fine, 1 problems found, 2 usage error\./);
      assert.equal(run.stderr, '');
      assert.deepEqual(overlong(run.stdout), []);
      assertPlain(run);
    });

    it('every command has --help (and `help COMMAND` says the same)', async () => {
      for (const command of COMMANDS) {
        const run = await ws.run([command, '--help']);
        assert.equal(run.status, 0, command);
        assert.ok(run.stdout.startsWith(`usage: stage-guide ${command}`), `${command}: ${run.stdout.split('\n')[0]}`);
        assert.deepEqual(overlong(run.stdout), [], command);
        assertPlain(run);
      }
      const viaHelp = await ws.run(['help', 'upgrades']);
      assert.equal(viaHelp.status, 0);
      assert.equal(viaHelp.stdout, (await ws.run(['upgrades', '-h'])).stdout);
    });

    it('no command is a usage error that prints the help', async () => {
      const run = await ws.run([]);
      assert.equal(run.status, 2);
      assert.match(run.stdout, /usage: stage-guide <command>/);
    });

    it('an unknown command exits 2 and names the commands', async () => {
      const run = await ws.run(['frobnicate']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /unknown command "frobnicate"/);
      assert.match(run.stderr, new RegExp(COMMANDS.join(', ')));
      assert.equal(run.stdout, '');
    });

    it('a bad option exits 2 with the command usage', async () => {
      const unknownOption = await ws.run(['show', '--bogus']);
      assert.equal(unknownOption.status, 2);
      assert.match(unknownOption.stderr, /--bogus/);
      assert.match(unknownOption.stderr, /usage: stage-guide show/);
      const missingValue = await ws.run(['init', '--stage']);
      assert.equal(missingValue.status, 2);
      assert.match(missingValue.stderr, /usage: stage-guide init/);
      assert.ok(!existsSync(ws.path('.stage.yml')));
    });

    it('a folder that does not exist is a usage error', async () => {
      const run = await ws.run(['show', 'no/such/folder']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Not a folder/);
    });
  });

  describe('show', () => {
    it('prints the stage name, every concern text and its practices, within 80 columns', async () => {
      ws.write('.stage.yml', 'name: shop\nstage: mvp\n');
      const run = await ws.run(['show']);
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.split('\n');
      assert.equal(lines[0], 'shop: Minimum Viable Product (MVP)');
      assert.equal(lines[1], 'declared in .stage.yml');
      const flat = collapse(run.stdout);
      assert.ok(flat.includes('Goal: Build a functional product'));
      assert.ok(flat.includes('Next stage: Production-Ready System'));
      for (const concern of matrix.concerns.filter((c) => c.id !== 'goal')) {
        assert.ok(flat.includes(concern.name), concern.name);
        assert.ok(flat.includes(collapse(concern.cells.mvp.text)), `${concern.id}: ${concern.cells.mvp.text}`);
        for (const practice of concern.cells.mvp.practices) assert.ok(flat.includes(collapse(practice.title)), practice.id);
      }
      assert.ok(flat.includes('Basic authentication (JWT, OAuth)'), 'a verbatim seed text');
      assert.deepEqual(overlong(run.stdout), []);
      assert.equal(run.stderr, '');
      assertPlain(run);
    });

    it('--json has schemaVersion 1, the stage, and all 12 concerns with per-concern stages', async () => {
      ws.write('.stage.yml', 'name: shop\nstage: mvp\nconcerns:\n  security: production\n');
      const run = await ws.run(['show', '--json']);
      assert.equal(run.status, 0, run.stderr);
      const json = JSON.parse(run.stdout);
      assert.equal(json.schemaVersion, 1);
      assert.equal(json.stageFile, '.stage.yml');
      assert.equal(json.name, 'shop');
      assert.deepEqual(json.stage, { id: 'mvp', name: 'Minimum Viable Product (MVP)', goal: 'Build a functional product' });
      assert.equal(json.next.id, 'production');
      assert.deepEqual(json.problems, []);
      assert.deepEqual(
        json.concerns.map((concern: { id: string }) => concern.id),
        [...CONCERN_IDS],
      );
      for (const concern of json.concerns) {
        const stage = concern.id === 'security' ? 'production' : 'mvp';
        const cell = findConcern(matrix, concern.id)!.cells[stage];
        assert.equal(concern.stage, stage);
        assert.equal(concern.text, cell.text);
        assert.deepEqual(
          concern.practices.map((practice: { id: string }) => practice.id),
          cell.practices.map((practice) => practice.id),
        );
      }
    });

    it('finds the nearest .stage.yml above a nested folder', async () => {
      ws.write('.stage.yml', 'stage: mvp\n');
      ws.write('services/api/.stage.yml', 'stage: scale\n');
      ws.write('services/api/src/index.ts', '');
      const nested = JSON.parse((await ws.run(['show', 'services/api/src', '--json'])).stdout);
      assert.equal(nested.stage.id, 'scale');
      assert.equal(nested.stageFile, 'services/api/.stage.yml');
      const web = ws.write('services/web/index.ts', '');
      const fromWeb = JSON.parse((await ws.run(['show', '--json'], {}, resolve(web, '..'))).stdout);
      assert.equal(fromWeb.stage.id, 'mvp');
      assert.equal(fromWeb.stageFile, '../../.stage.yml');
    });

    it('without a .stage.yml exits 0 and explains how to create one', async () => {
      const run = await ws.run(['show']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /No \.stage\.yml governs this folder/);
      assert.match(run.stdout, /stage-guide init --stage mvp/);
      assert.deepEqual(overlong(run.stdout), []);
      assertPlain(run);
      const json = JSON.parse((await ws.run(['show', '--json'])).stdout);
      assert.equal(json.schemaVersion, 1);
      assert.equal(json.stageFile, null);
      assert.equal(json.stage, null);
      assert.equal(json.concerns.length, 12);
      assert.ok(json.concerns.every((concern: { text: unknown }) => concern.text === null));
    });

    it('a .stage.yml with problems still shows its valid stage and points at validate', async () => {
      ws.write('.stage.yml', 'stage: production\nstagee: x\n');
      const run = await ws.run(['show']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^Production-Ready System$/m);
      assert.match(run.stdout, /1 problem; valid parts apply\. Run: stage-guide validate/);
    });
  });

  describe('upgrades', () => {
    it('mvp: titled "MVP → Production-Ready", every concern with both seed texts, within 80 columns', async () => {
      ws.write('.stage.yml', 'stage: mvp\n');
      const run = await ws.run(['upgrades']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.split('\n')[0], 'Minimum Viable Product (MVP) → Production-Ready System');
      const flat = collapse(run.stdout);
      seed.rows.forEach((row) => {
        assert.ok(flat.includes(`${row.name} now: ${collapse(row.cells[1])} next: ${collapse(row.cells[2])}`), row.name);
      });
      const security = findConcern(matrix, 'security')!;
      for (const practice of security.cells.production.practices) assert.ok(flat.includes(`+ ${collapse(practice.title)}`), practice.id);
      assert.deepEqual(overlong(run.stdout), []);
      assertPlain(run);
    });

    it('--json gives from, to and 12 concerns with the new practices', async () => {
      ws.write('.stage.yml', 'stage: mvp\n');
      const json = JSON.parse((await ws.run(['upgrades', '--json'])).stdout);
      assert.equal(json.schemaVersion, 1);
      assert.equal(json.from.id, 'mvp');
      assert.equal(json.to.id, 'production');
      assert.equal(json.concerns.length, 12);
      const security = json.concerns.find((concern: { id: string }) => concern.id === 'security');
      assert.equal(security.currentText, 'Basic authentication (JWT, OAuth)');
      assert.equal(security.nextText, 'Role-based access, encrypted storage');
      assert.deepEqual(
        security.newPractices.map((practice: { id: string }) => practice.id),
        findConcern(matrix, 'security')!.cells.production.practices.map((practice) => practice.id),
      );
    });

    it('at enterprise there is no next stage', async () => {
      ws.write('.stage.yml', 'stage: enterprise\n');
      const run = await ws.run(['upgrades']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /Distributed Enterprise System is the last stage: there is no next stage/);
      const json = JSON.parse((await ws.run(['upgrades', '--json'])).stdout);
      assert.equal(json.to, null);
      assert.deepEqual(json.concerns, []);
    });

    it('--to with an unknown stage is a usage error', async () => {
      ws.write('.stage.yml', 'stage: mvp\n');
      const run = await ws.run(['upgrades', '--to', 'banana']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Unknown stage "banana"/);
    });
  });

  describe('matrix', () => {
    it('prints all 60 seed texts (wrapped lines joined) and the concern names', async () => {
      const run = await ws.run(['matrix']);
      assert.equal(run.status, 0, run.stderr);
      const flat = collapse(run.stdout);
      let found = 0;
      for (const row of seed.rows) {
        assert.ok(flat.includes(row.name), row.name);
        for (const cell of row.cells) {
          assert.ok(flat.includes(collapse(cell)), `${row.name}: ${cell}`);
          found++;
        }
      }
      assert.equal(found, 60);
      assertPlain(run);
    });

    it('--json holds every cell verbatim', async () => {
      const json = JSON.parse((await ws.run(['matrix', '--json'])).stdout);
      assert.equal(json.schemaVersion, 1);
      assert.deepEqual(
        json.stages.map((stage: { name: string }) => stage.name),
        seed.stageNames,
      );
      seed.rows.forEach((row, index) => {
        const concern = json.concerns[index];
        assert.equal(concern.name, row.name);
        assert.deepEqual(
          ['prototype', 'mvp', 'production', 'scale', 'enterprise'].map((stage) => concern.cells[stage].text),
          row.cells,
        );
      });
    });
  });

  describe('validate', () => {
    it('prints file:line:col severity code message and exits 1', async () => {
      ws.copyFixture('broken.stage.yml', '.stage.yml');
      const run = await ws.run(['validate']);
      assert.equal(run.status, 1);
      const lines = run.stdout.trimEnd().split('\n');
      // In reading order (by line, then column), and rule ids are checked against the catalog.
      assert.deepEqual(lines, [
        '.stage.yml:1:8 error unknown-stage Unknown stage "prodution" for stage. Did you mean "production"?',
        '.stage.yml:2:1 warning unknown-key Unknown key "stagee". Did you mean "stage"?',
        '.stage.yml:4:5 error missing-field A waiver needs a "reason".',
        '.stage.yml:4:11 warning unknown-rule Unknown rule "ci.run-tests".',
        '.stage.yml:5:12 error bad-date "until" must be a date written YYYY-MM-DD, not "2025-02-30".',
      ]);
      assert.match(run.stderr, /1 file checked, 5 problems\./);
      assertPlain(run);
    });

    it('a clean file exits 0', async () => {
      ws.write('.stage.yml', 'stage: mvp\nignore: [dist/**]\n');
      const run = await ws.run(['validate']);
      assert.equal(run.status, 0, run.stdout);
      assert.equal(run.stdout.trim(), '1 file checked, 0 problems.');
    });

    it('checks nested .stage.yml files and team matrices, each at its own path', async () => {
      ws.write('.stage.yml', 'stage: mvp\nmatrix: team.yml\n');
      ws.write('team.yml', 'concerns: []\nextra: 1\n');
      ws.write('services/api/.stage.yml', 'stage: mvp\nnext: prototype\n');
      const run = await ws.run(['validate']);
      assert.equal(run.status, 1);
      const lines = run.stdout.trimEnd().split('\n').sort();
      assert.deepEqual(lines, [
        '.stage.yml:2:9 error bad-matrix The team matrix team.yml has one problem; the valid parts apply.',
        'services/api/.stage.yml:2:7 warning next-not-after "next" (prototype) should be a later stage than "stage" (mvp).',
        'team.yml:2:1 warning unknown-key Unknown key "extra" in a team matrix; it takes "concerns".',
      ]);
    });

    it('--json reports 1-based positions', async () => {
      ws.copyFixture('broken.stage.yml', '.stage.yml');
      const run = await ws.run(['validate', '--json']);
      assert.equal(run.status, 1);
      const json = JSON.parse(run.stdout);
      assert.equal(json.schemaVersion, 1);
      assert.deepEqual(json.files, ['.stage.yml']);
      const unknownStage = json.problems.find((problem: { code: string }) => problem.code === 'unknown-stage');
      assert.deepEqual(unknownStage, {
        file: '.stage.yml',
        line: 1,
        column: 8,
        endLine: 1,
        endColumn: 17,
        severity: 'error',
        code: 'unknown-stage',
        message: 'Unknown stage "prodution" for stage. Did you mean "production"?',
        suggestions: ['production'],
      });
    });

    it('no .stage.yml anywhere is nothing to validate, exit 0', async () => {
      const run = await ws.run(['validate']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /nothing to validate/);
    });
  });

  describe('init', () => {
    it('--stage mvp creates a valid file, then refuses to overwrite it (exit 1)', async () => {
      const first = await ws.run(['init', '--stage', 'mvp']);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout.trim(), 'Created .stage.yml (stage: mvp).');
      const created = readText(ws.path('.stage.yml'));
      const parsed = parseStageFile(created, { matrix, today: '2025-06-01' });
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.config.stage, 'mvp');

      const second = await ws.run(['init', '--stage', 'scale']);
      assert.equal(second.status, 1);
      assert.match(second.stderr, /already exists/);
      assert.equal(readText(ws.path('.stage.yml')), created, 'the file is untouched');
    });

    it('accepts an alias, a name and a target folder', async () => {
      const run = await ws.run(['init', '--stage', 'Prod', '--name', 'Payments API', 'services/pay']);
      assert.equal(run.status, 0, run.stderr);
      const parsed = parseStageFile(readText(ws.path('services/pay/.stage.yml')), { matrix, today: '2025-06-01' });
      assert.equal(parsed.config.stage, 'production');
      assert.equal(parsed.config.name, 'Payments API');
    });

    it('without --stage when not on a terminal exits 2 and writes nothing', async () => {
      const run = await ws.run(['init']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--stage is required/);
      assert.ok(!existsSync(ws.path('.stage.yml')));
    });

    it('an unknown stage exits 2 with a did-you-mean', async () => {
      const run = await ws.run(['init', '--stage', 'prodution']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Unknown stage "prodution"\. Did you mean "production"\?/);
      assert.ok(!existsSync(ws.path('.stage.yml')));
    });
  });

  describe('set', () => {
    it('changes only the stage value; comments and quoting survive; a second run changes nothing', async () => {
      const path = ws.copyFixture('commented.stage.yml', '.stage.yml');
      const run = await ws.run(['set', 'production']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), 'Set stage: production in .stage.yml.');
      const expected = cliFixture('commented.after-set-production.stage.yml');
      assert.equal(readText(path), expected);
      const again = await ws.run(['set', 'production']);
      assert.equal(again.status, 0);
      assert.match(again.stdout, /already declares stage: production/);
      assert.equal(readText(path), expected);
    });

    it('edits the governing file from a subfolder and accepts aliases', async () => {
      const path = ws.write('.stage.yml', 'stage: mvp\n');
      ws.write('src/app.ts', '');
      const run = await ws.run(['set', 'AT-SCALE', 'src']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readText(path), 'stage: scale\n');
    });

    it('an unknown stage exits 2 with a did-you-mean and leaves the file alone', async () => {
      const path = ws.copyFixture('commented.stage.yml', '.stage.yml');
      const run = await ws.run(['set', 'prodution']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Did you mean "production"\?/);
      assert.equal(readText(path), cliFixture('commented.stage.yml'));
    });

    it('without a stage argument is a usage error; without a .stage.yml it says how to create one', async () => {
      assert.equal((await ws.run(['set'])).status, 2);
      const run = await ws.run(['set', 'mvp']);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /stage-guide init --stage mvp/);
      assert.ok(!existsSync(ws.path('.stage.yml')));
    });
  });
});

describe('foundation: the built stage-guide binary (dist/cli.js, spawned)', function () {
  // A real node process per run: allow for a loaded machine.
  this.timeout(60000);
  let ws: TempWorkspace;

  beforeEach(() => {
    ws = new TempWorkspace();
  });

  afterEach(() => {
    ws.dispose();
  });

  it('exits 0, 1 and 2, with reports on stdout and the summary and usage errors on stderr', () => {
    ws.write('.stage.yml', 'stage: mvp\n');
    const fine = ws.spawn(['validate']);
    assert.equal(fine.status, 0, fine.stderr);
    assert.equal(fine.stdout.trim(), '1 file checked, 0 problems.');

    ws.copyFixture('broken.stage.yml', '.stage.yml');
    const problems = ws.spawn(['validate']);
    assert.equal(problems.status, 1);
    assert.match(problems.stdout, /^\.stage\.yml:1:8 error unknown-stage /m);
    assert.doesNotMatch(problems.stdout, /problems\./, 'the summary is not on stdout');
    assert.match(problems.stderr, /1 file checked, 5 problems\./);

    const usage = ws.spawn(['show', '--bogus']);
    assert.equal(usage.status, 2);
    assert.equal(usage.stdout, '');
    assert.match(usage.stderr, /usage: stage-guide show/);
  });

  it('prints no colour codes on a pipe, with or without NO_COLOR', () => {
    ws.write('.stage.yml', 'stage: mvp\nstagee: x\n');
    for (const env of [{}, { NO_COLOR: '1' }] as Array<Record<string, string>>) {
      const run = ws.spawn(['validate'], env);
      assert.equal(run.status, 1);
      assertPlain(run);
    }
  });

  it('lays the report out for 80 columns on a pipe, or for COLUMNS', () => {
    ws.write('.stage.yml', 'stage: mvp\n');
    assert.deepEqual(overlong(ws.spawn(['show']).stdout), []);
    const wide = ws.spawn(['show'], { COLUMNS: '100' }).stdout.split('\n');
    assert.ok(
      wide.some((line) => [...line].length > 80),
      'some line uses the width beyond 80',
    );
  });

  it('ends quietly with its exit code when the reader has closed the pipe (`stage-guide matrix | head -1`)', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'matrix'], { cwd: ws.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Close our end before it writes (as `head -1` does after its line): its first write meets EPIPE, whatever the pipe's buffer size.
    child.stdout.destroy();
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, null);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '', 'no stack trace for a closed pipe');
  });
});

describe('foundation: CLI terminal colour decision (in process)', () => {
  // `isTTY` is a plain property (absent on pipes); the tests set it to steer processTerminal().
  const stdout = process.stdout as unknown as { isTTY?: boolean };
  let savedTTY: boolean | undefined;
  let savedNoColor: string | undefined;
  let savedTerm: string | undefined;

  beforeEach(() => {
    savedTTY = stdout.isTTY;
    savedNoColor = process.env.NO_COLOR;
    savedTerm = process.env.TERM;
    delete process.env.NO_COLOR;
    process.env.TERM = 'xterm-256color';
  });

  afterEach(() => {
    stdout.isTTY = savedTTY;
    if (savedNoColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = savedNoColor;
    if (savedTerm === undefined) delete process.env.TERM;
    else process.env.TERM = savedTerm;
  });

  it('colours on a TTY', () => {
    stdout.isTTY = true;
    const term = processTerminal();
    assert.equal(term.color, true);
    assert.equal(paint(term, 'bold', 'x'), '\u001b[1mx\u001b[22m');
  });

  it('never colours when not a TTY', () => {
    stdout.isTTY = false;
    const term = processTerminal();
    assert.equal(term.color, false);
    assert.equal(paint(term, 'bold', 'x'), 'x');
  });

  it('respects NO_COLOR on a TTY (any non-empty value)', () => {
    stdout.isTTY = true;
    process.env.NO_COLOR = '1';
    assert.equal(processTerminal().color, false);
    process.env.NO_COLOR = '';
    assert.equal(processTerminal().color, true, 'an empty NO_COLOR does not count (no-color.org)');
  });

  it('does not colour a dumb terminal', () => {
    stdout.isTTY = true;
    process.env.TERM = 'dumb';
    assert.equal(processTerminal().color, false);
  });
});
