import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayIso } from '../../../src/core/stageFile/parseStageFile';
import { runCli } from '../../../src/cli/runCli';
import { terminalWidth } from '../../../src/cli/terminal';
import type { Terminal } from '../../../src/cli/terminal';
import { assertValidSarif } from './support';

/**
 * What `stage-guide check` says of the example workspaces and two fixtures,
 * run in this process (the same code as the binary at a fraction of the cost;
 * test/unit/foundation/cli.test.ts proves the built binary reads COLUMNS and
 * NO_COLOR). The golden files are reviewed by hand: every
 * line must be one a senior engineer would agree with. Regenerate with
 * UPDATE_GOLDEN=1 and review the diff.
 */
const REPO = join(__dirname, '..', '..', '..');
const GOLDEN = join(REPO, 'test', 'fixtures', 'evidence', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const EXAMPLES = [
  { name: 'node-service-mvp', dir: join('examples', 'node-service-mvp'), exitCode: 1, detail: true },
  { name: 'python-go-monorepo', dir: join('examples', 'python-go-monorepo'), exitCode: 1 },
  { name: 'k8s-system-production', dir: join('examples', 'k8s-system-production'), exitCode: 1 },
  // Two services at different stages, one repository-level workflow.
  { name: 'fixture-monorepo', dir: join('test', 'fixtures', 'evidence', 'monorepo'), exitCode: 1 },
  // Identical Dockerfiles in two services: one finding, "also in" the copy.
  { name: 'fixture-copies', dir: join('test', 'fixtures', 'evidence', 'copies'), exitCode: 1, detail: true },
];

/** The report is laid out for the width COLUMNS gives (a CI log or a pipe has no terminal to ask). */
const WIDTHS = [80, 120];

/** The same command in this process, on a plain terminal as wide as COLUMNS would make it. */
async function inProcess(args: string[], columns = 80): Promise<{ status: number; stdout: string }> {
  const out: string[] = [];
  const term: Terminal = {
    out: (line = '') => out.push(line),
    err: (line = '') => out.push(`stderr: ${line}`),
    color: false,
    width: terminalWidth(undefined, String(columns)),
    isTTY: false,
  };
  const status = await runCli(args, { term, cwd: REPO, today: todayIso() });
  return { status, stdout: out.map((line) => `${line}\n`).join('') };
}

function compareWithGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) assert.fail(`${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${file} changed: review the difference, then run with UPDATE_GOLDEN=1`);
}

describe('cli: check on the example workspaces (golden output, in process)', function () {
  this.timeout(180_000);

  for (const example of EXAMPLES) {
    const dir = example.dir;

    for (const columns of WIDTHS) {
      it(`${example.name}: text at ${columns} columns`, async () => {
        const run = await inProcess(['check', dir, '--root', dir], columns);
        assert.equal(run.status, example.exitCode);
        compareWithGolden(`${example.name}.${columns}.txt`, run.stdout);
        const widest = Math.max(...run.stdout.split('\n').map((line) => [...line].length));
        assert.ok(widest <= Math.min(columns, 100), `a line is ${widest} characters wide at ${columns} columns`);
      });
    }

    it(`${example.name}: SARIF is valid against the SARIF 2.1.0 schema`, async () => {
      const run = await inProcess(['check', dir, '--root', dir, '--format', 'sarif']);
      assert.equal(run.status, example.exitCode);
      const sarif = assertValidSarif(run.stdout) as { runs: Array<{ results: unknown[] }> };
      assert.ok(sarif.runs[0].results.length > 0);
    });

    // The optional sections and the markdown format on two workspaces (each run costs a process).
    if (!example.detail) continue;

    it(`${example.name}: text with --next --explain --evidence at 100 columns`, async () => {
      const run = await inProcess(['check', dir, '--root', dir, '--next', '--explain', '--evidence'], 100);
      assert.equal(run.status, example.exitCode);
      compareWithGolden(`${example.name}.full.txt`, run.stdout);
    });

    it(`${example.name}: markdown`, async () => {
      const run = await inProcess(['check', dir, '--root', dir, '--format', 'markdown']);
      assert.equal(run.status, example.exitCode);
      compareWithGolden(`${example.name}.md`, run.stdout);
    });
  }
});
