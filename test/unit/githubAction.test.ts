// The GitHub Action as a workflow runs it: the committed bundle (action.yml → action/dist/index.js)
// executed by node with the runner's environment (INPUT_*, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY,
// GITHUB_OUTPUT, and for a pull request GITHUB_EVENT_NAME/GITHUB_EVENT_PATH) on a copy of an
// example repository; then what it wrote: the job summary, the annotation commands, the outputs.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseUnifiedDiff } from '../../src/cli/githubAction/changedLines';
import { annotationCommand, escapeData, escapeProperty } from '../../src/cli/githubAction/workflowCommands';

const repoRoot = resolve(__dirname, '..', '..');
const actionEntry = join(repoRoot, 'action', 'dist', 'index.js');

interface ActionRun {
  status: number | null;
  log: string;
  annotations: string[];
  summary: string;
  outputs: Record<string, string>;
}

function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): ActionRun {
  const files = mkdtempSync(join(tmpdir(), 'stage-guide-action-files-'));
  try {
    const summaryFile = join(files, 'summary.md');
    const outputFile = join(files, 'output.txt');
    writeFileSync(summaryFile, '');
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      ...extraEnv,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const run = spawnSync(process.execPath, [actionEntry], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
    const log = `${run.stdout}${run.stderr}`;
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return {
      status: run.status,
      log,
      annotations: run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line)),
      summary: readFileSync(summaryFile, 'utf8'),
      outputs,
    };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

describe('the GitHub Action (action.yml, action/dist/index.js)', function () {
  this.timeout(120_000);
  let workspace: string;

  beforeEach(() => {
    workspace = join(mkdtempSync(join(tmpdir(), 'stage-guide-action-')), 'repo');
    cpSync(join(repoRoot, 'examples', 'node-service-mvp'), workspace, { recursive: true });
  });

  afterEach(() => rmSync(resolve(workspace, '..'), { recursive: true, force: true }));

  it('action.yml runs the committed bundle on node20 and declares the inputs the entry reads', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, unknown>;
    };
    assert.deepEqual(action.runs, { using: 'node20', main: 'action/dist/index.js' });
    assert.deepEqual(Object.keys(action.inputs).sort(), ['fail-on', 'format', 'path', 'sarif-file', 'stage']);
  });

  it('the committed bundle is what the sources build (else: npm run build:action)', () => {
    const check = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--check-action'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });

  it('writes the job summary, annotates the due findings, sets outputs and SARIF, and fails on warnings', () => {
    const run = runAction(workspace, { path: '.', 'fail-on': 'warning', format: 'text', 'sarif-file': 'reports/stage-guide.sarif' });
    assert.equal(run.status, 1, run.log);
    // The summary: the stage, the observed stages per concern, the due findings as a table.
    assert.match(run.summary, /^### Stage Guide: /m);
    assert.match(run.summary, /stage \*\*MVP\*\*/);
    assert.match(run.summary, /\| Concern \| Stage \| Observed \|/);
    assert.match(run.summary, /\| 🟡 warning \| \[compose\.yaml:14\]/);
    // Annotations: workflow commands with escaped properties, on the file and line of each due finding, once each.
    assert.ok(
      run.annotations.includes(
        '::warning file=compose.yaml,line=14,endLine=14,col=9,endColumn=20,title=Stage Guide%3A compose/database-port-exposed (mvp)::Service "db" publishes PostgreSQL port 5432 on all interfaces: anyone who can reach this host can reach it.',
      ),
      run.annotations.join('\n'),
    );
    assert.equal(new Set(run.annotations).size, run.annotations.length, 'no annotation twice');
    assert.ok(
      run.annotations.every((line) =>
        /^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+,(col=\d+,endColumn=\d+,)?title=[^,:]+::/.test(line),
      ),
      run.annotations.join('\n'),
    );
    // The log carries the text report; the outputs the counts.
    assert.match(run.log, /compose\.yaml/);
    assert.equal(run.outputs.failed, 'true');
    assert.equal(run.outputs.stage, 'mvp');
    assert.ok(Number(run.outputs.warnings) > 0);
    const sarif = JSON.parse(readFileSync(join(workspace, 'reports', 'stage-guide.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: unknown[] }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.equal(run.outputs['sarif-file'], join(workspace, 'reports', 'stage-guide.sarif'));
  });

  it("links the summary's files to the checked commit on GitHub", () => {
    const sha = 'c0ffee'.padEnd(40, '0');
    const run = runAction(
      workspace,
      { path: '.', 'fail-on': 'none' },
      { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/orders', GITHUB_SHA: sha },
    );
    assert.equal(run.status, 0, run.log);
    assert.ok(run.summary.includes(`[compose.yaml:14](https://github.com/acme/orders/blob/${sha}/compose.yaml#L14)`), run.summary);
  });

  it('passes with fail-on none and previews another stage with the stage input', () => {
    const run = runAction(workspace, { path: '.', 'fail-on': 'none', stage: 'production', format: 'json' });
    assert.equal(run.status, 0, run.log);
    assert.equal(run.outputs.stage, 'production');
    assert.match(run.summary, /Production-Ready/);
  });

  it('reports a bad input as the CLI does, with exit code 2', () => {
    const run = runAction(workspace, { path: '.', 'fail-on': 'sometimes' });
    assert.equal(run.status, 2, run.log);
    assert.match(run.log, /--fail-on must be one of/);
  });

  it('on a pull request, annotates only the findings on changed lines', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: workspace,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    const compose = join(workspace, 'compose.yaml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace('- "5432:5432"', '- "5433:5432"'));
    git('commit', '-q', '-am', 'head');
    const head = git('rev-parse', 'HEAD');
    const eventFile = join(workspace, '..', 'event.json');
    writeFileSync(eventFile, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));

    const run = runAction(
      workspace,
      { path: '.', 'fail-on': 'warning' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile },
    );
    assert.deepEqual(
      run.annotations.map((line) => /file=([^,]+),line=(\d+)/.exec(line)?.slice(1).join(':')),
      ['compose.yaml:14'],
    );
    assert.match(run.log, /1 of \d+ due findings touch the pull request's changed lines/);
  });

  it('on a pull request whose base commit is not checked out, annotates every due finding and says why', () => {
    const eventFile = join(workspace, '..', 'event.json');
    writeFileSync(eventFile, JSON.stringify({ pull_request: { base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } }));
    const run = runAction(workspace, { path: '.' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile });
    assert.ok(run.annotations.length > 1, run.log);
    assert.match(run.log, /changed lines are unknown .*fetch-depth: 0/);
  });
});

describe("workflow commands and diffs (the action's parts)", () => {
  it('escapes data and properties as the runner reads them', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const command = annotationCommand({
      level: 'error',
      file: 'dir,x/a:b.yml',
      line: 3,
      column: 2,
      endLine: 4,
      endColumn: 1,
      title: 'T: 1, 2',
      message: 'line one\nline two ::warning::',
    });
    assert.equal(command, '::error file=dir%2Cx/a%3Ab.yml,line=3,endLine=4,title=T%3A 1%2C 2::line one%0Aline two ::warning::');
  });

  it('reads the new side of a --unified=0 diff, quoted paths included', () => {
    const diff = [
      'diff --git a/compose.yaml b/compose.yaml',
      '--- a/compose.yaml',
      '+++ b/compose.yaml',
      '@@ -14 +14 @@',
      '@@ -20,0 +21,2 @@',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      '+++ "b/caf\\303\\251.yml"',
      '@@ -0,0 +1 @@',
    ].join('\n');
    const changed = parseUnifiedDiff(diff);
    assert.deepEqual([...(changed.get('compose.yaml') ?? [])], [14, 21, 22]);
    assert.deepEqual([...(changed.get('café.yml') ?? [])], [1]);
  });
});
