import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { assertValidCodeQuality, assertValidSarif, check, codeQualityValidator, sarifValidator, workspace } from './support';
import type { CodeQualityIssue } from './support';

/** An MVP service with a due practice gap (no lockfile) and due config findings, and a next-stage world of infos. */
const MVP_SERVICE = {
  '.stage.yml': 'name: shop\nstage: mvp\n',
  'package.json': '{"scripts":{"test":"node --test"},"dependencies":{"express":"^4.19.2"}}',
  'test/app.test.js': '',
  Dockerfile: 'FROM node:20\nADD src ./src\nCMD node src/server.js\n',
};

/** Everything due at prototype is met: only next-stage items (infos) remain. */
const PROTOTYPE_SERVICE = {
  '.stage.yml': 'stage: prototype\n',
  '.gitignore': '.env\n',
  'package.json': '{"dependencies":{"express":"^4.19.2"}}',
};

describe('cli: stage-guide check', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>) => {
    const root = workspace(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  describe('text format', () => {
    it('opens with stage, observed stages and counts, lists due problems by file as line:col severity message rule, and closes with one line', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '.');
      assert.match(run.out, /^shop · \.stage\.yml$/m);
      assert.match(run.out, /^Stage {6}MVP · next: Production-Ready$/m);
      assert.match(run.out, /^Observed {3}.*below: .*Tech Stack \(Prototype\)/m);
      assert.match(run.out, /^Due now {4}1 problem \(1 warning\) in 1 file · \d+ practices missing$/m);
      assert.match(run.out, /^Dockerfile\n {2}2:1 {2}warning {2}ADD copies local "src".*\n.*docker\/add-instead-of-copy$/m);
      assert.doesNotMatch(run.out, /docker\/healthcheck/, 'next-stage findings are left out by default');
      assert.doesNotMatch(run.out, /Satisfied by/, 'evidence detail only with --evidence');
      assert.match(run.out, /^shop: \d+ practices missing for MVP\n {2}✗ .*\n/m);
      assert.match(run.out, /✗ Tech Stack: A committed lockfile pins exact dependency versions\s+tech-stack\/mvp\/lockfile/);
      assert.match(
        run.out,
        /\n1 problem \(1 warning\) in 1 file · \d+ practices missing for MVP$/,
        'the closing line counts problems and practices apart',
      );
      assert.equal(run.code, 1, 'warnings reach the default --fail-on warning');
    });

    it('--next (or --show next) adds next-stage items, marked "next"; --evidence and --explain add their sections', async () => {
      const root = make(MVP_SERVICE);
      for (const flag of [['--next'], ['--show', 'next']]) {
        const run = await check(root, ...flag);
        assert.match(run.out, /^ {2}3:1 {2}next {5}The image declares no HEALTHCHECK.*$/m, flag.join(' '));
        assert.match(run.out, /practices missing for Production-Ready \(the next stage\)/);
        assert.match(run.out, / · \d+ items for the next stage$/);
      }
      const detailed = await check(root, '--evidence', '--explain');
      assert.match(detailed.out, /^Evidence · shop · \.stage\.yml$/m);
      assert.match(detailed.out, /Satisfied by: /);
      assert.match(detailed.out, /^ {2}docker\/add-instead-of-copy — .+\n {4}Why: .+\n(?: {4}.+\n)* {4}Fix: /m);
      assert.equal(detailed.out.match(/^ {2}docker\/add-instead-of-copy — /gm)?.length, 1, 'explained once per rule');
    });

    it('--group-by rule, --quiet, --max', async () => {
      const root = make({ ...MVP_SERVICE, 'b/Dockerfile': 'FROM node:20\nADD src ./src\nADD lib ./lib\n' });
      const byRule = await check(root, '--group-by', 'rule');
      assert.match(byRule.out, /^docker\/add-instead-of-copy\n {2}.+\n {2}Dockerfile:2:1 {2}warning {2}ADD copies/m);
      const quiet = await check(root, '--quiet');
      assert.doesNotMatch(quiet.out, /^Stage /m, 'no opening summary');
      assert.doesNotMatch(quiet.out, / info /);
      assert.match(quiet.out, /warning/);
      const capped = await check(root, '--max', '2');
      assert.equal(capped.out.match(/ warning {2}/g)?.length, 2);
      assert.match(capped.out, /… and \d+ more items not listed \(--max 2\)\./);
    });

    it('collapses a finding repeated in identical copies of a file, and still counts each copy', async () => {
      const dockerfile = 'FROM node:20\nADD src ./src\n';
      const root = make({
        '.stage.yml': 'stage: mvp\n',
        'a/Dockerfile': dockerfile,
        'b/Dockerfile': dockerfile,
        'c/Dockerfile': `${dockerfile}USER node\n`,
      });
      const run = await check(root);
      assert.equal(run.out.match(/ADD copies local/g)?.length, 2, 'a and b are one item, c is its own');
      assert.match(run.out, /^ {2}2:1 {2}warning .*\n.*\n? +also in 1 identical file: b\/Dockerfile$/m);
      assert.match(run.out, /^3 problems \(3 warnings\) in 3 files · /m);
    });

    it('proper plurals and no stage: says so, and fails on nothing', async () => {
      const root = make({ 'package.json': '{"dependencies":{"express":"^4"}}' });
      const run = await check(root);
      assert.match(run.out, /\(no \.stage\.yml\)/);
      assert.match(run.out, /^Stage {6}none declared: nothing is due/m);
      assert.match(run.out, /^No problems in config files · no stage declared$/m);
      assert.doesNotMatch(run.out, /\(s\)/);
      assert.equal(run.code, 0);
    });

    it('escapes control characters from files: a file name with a newline or an escape sequence cannot forge a line or recolour the terminal', async () => {
      const forged = 'x\n  1:1  error  forged finding  fake/rule\n\u001b[31m';
      const root = make({ '.stage.yml': 'stage: mvp\n', [`${forged}/Dockerfile`]: 'FROM node:20\nADD src ./src\n' });
      // Text shows the escapes; markdown escapes their backslashes too, so they render as written.
      const shown = {
        text: /x\\n {2}1:1 {2}error {2}forged finding {2}fake\/rule\\n\\x1b\[31m/,
        markdown: /x\\\\n {2}1:1 {2}error {2}forged finding {2}fake\/rule\\\\n\\\\x1b\\\[31m/,
      };
      for (const format of ['text', 'markdown'] as const) {
        const run = await check(root, '--format', format);
        assert.doesNotMatch(run.out, /\u001b/, format);
        assert.doesNotMatch(run.out, /^\s*1:1 {2}error {2}forged/m, format);
        assert.match(run.out, shown[format], format);
      }
    });
  });

  describe('markdown format', () => {
    it('has a counts heading, the stage, observed stages, a table of problems with links relative to the repository, and the practices missing', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '--format', 'markdown');
      const lines = run.out.split('\n');
      assert.match(lines[0], /^### Stage Guide: 1 problem \(1 warning\) in 1 file · \d+ practices missing for MVP$/);
      assert.ok(lines.includes('**shop** · `.stage.yml` · stage **MVP** · next: Production-Ready'));
      assert.ok(lines.includes('| Tech Stack | MVP | Prototype | ❌ |'));
      assert.ok(
        lines.some((line) =>
          /^\| 🟡 warning \| \[Dockerfile:2\]\(Dockerfile#L2\) \| ADD copies local "src".* \| \[`docker\/add-instead-of-copy`\]\(https:\/\/\S+\/docs\/rules\/docker\/add-instead-of-copy\.md\) \|$/.test(
            line,
          ),
        ),
      );
      assert.ok(
        lines.some((line) =>
          line.startsWith('| shop | Tech Stack | A committed lockfile pins exact dependency versions | MVP | `tech-stack/mvp/lockfile` |'),
        ),
      );
      assert.equal(run.code, 1);
      const linked = await check(root, '--format', 'markdown', '--link-base', 'https://github.com/o/r/blob/abc123');
      assert.match(linked.out, /\[Dockerfile:2\]\(https:\/\/github\.com\/o\/r\/blob\/abc123\/Dockerfile#L2\)/);
      assert.equal((await check(root, '--format', 'markdown', '--link-base', 'javascript:alert(1)')).code, 2);
    });

    it('text from files cannot break a table row, add markup or mention anyone', async () => {
      const root = make({ '.stage.yml': 'name: "a|b <img src=x> @team **x**"\nstage: mvp\n', Dockerfile: 'FROM node:20\nADD src ./src\n' });
      const run = await check(root, '--format', 'markdown');
      const row = run.out.split('\n').find((line) => line.startsWith('| a'))!;
      assert.equal(row.split(/(?<!\\)\|/).length - 2, 5, "five cells, the name's | escaped");
      assert.match(row, /^\| a\\\|b \\<img src=x\\> @\u200bteam \\\*\\\*x\\\*\\\* \|/);
    });
  });

  describe('GitLab Code Quality format', () => {
    it('is a CodeClimate array with the fields GitLab reads (checked against a schema of them)', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '--format', 'gitlab');
      const issues = assertValidCodeQuality(run.out);
      const add = issues.find((issue) => issue.check_name === 'docker/add-instead-of-copy')!;
      assert.deepEqual([add.severity, add.location.path, add.location.lines.begin], ['minor', 'Dockerfile', 2]);
      assert.equal(issues.find((issue) => issue.check_name === 'docker/healthcheck')?.severity, 'info');
      assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'fingerprints are unique');
      assert.equal(run.code, 1);
    });

    it('fingerprints by rule, path and line text: a line added above keeps them, a changed line changes its own', async () => {
      const before = make({ ...MVP_SERVICE, 'b/Dockerfile': 'FROM node:20\nADD a ./a\nADD a ./a\n' });
      const after = make({
        ...MVP_SERVICE,
        Dockerfile: '# a comment\nFROM node:20\nADD src ./src\nCMD node src/server.js\n',
        'b/Dockerfile': 'FROM node:20\nADD a ./a\nADD a ./a\n',
      });
      const fingerprint = (issues: CodeQualityIssue[], rule: string, path: string) =>
        issues.filter((issue) => issue.check_name === rule && issue.location.path === path).map((issue) => issue.fingerprint);
      const one = assertValidCodeQuality((await check(before, '--format', 'gitlab')).out);
      const two = assertValidCodeQuality((await check(after, '--format', 'gitlab')).out);
      assert.deepEqual(
        fingerprint(two, 'docker/add-instead-of-copy', 'Dockerfile'),
        fingerprint(one, 'docker/add-instead-of-copy', 'Dockerfile'),
      );
      assert.equal(
        two.find((issue) => issue.check_name === 'docker/add-instead-of-copy' && issue.location.path === 'Dockerfile')?.location.lines
          .begin,
        3,
      );
      assert.equal(fingerprint(one, 'docker/add-instead-of-copy', 'b/Dockerfile').length, 2, 'two identical lines are two issues');
      assert.equal(new Set(fingerprint(one, 'docker/add-instead-of-copy', 'b/Dockerfile')).size, 2);
    });

    it('the schema check is a real one: it rejects a wrong severity and a missing location', () => {
      const validate = codeQualityValidator();
      const good = { description: 'd', check_name: 'r', fingerprint: 'f', severity: 'minor', location: { path: 'a', lines: { begin: 1 } } };
      assert.equal(validate([good]), true);
      assert.equal(validate([{ ...good, severity: 'warning' }]), false);
      assert.equal(validate([{ ...good, location: { path: 'a' } }]), false);
      assert.equal(validate([{ ...good, location: { path: 'a', lines: { begin: '1' } } }]), false);
    });
  });

  describe('exit codes', () => {
    it('--fail-on decides: warning (default), error, info, none', async () => {
      const mvp = make(MVP_SERVICE);
      assert.equal((await check(mvp, '--fail-on', 'warning')).code, 1);
      assert.equal((await check(mvp, '--fail-on', 'error')).code, 0);
      assert.equal((await check(mvp, '--fail-on', 'none')).code, 0);
      const prototype = make(PROTOTYPE_SERVICE);
      assert.equal((await check(prototype)).code, 0, 'only infos: below the default');
      assert.equal((await check(prototype, '--fail-on', 'info')).code, 1);
    });

    it('usage errors exit 2 with the usage line', async () => {
      const root = make(MVP_SERVICE);
      for (const args of [
        ['--format', 'xml'],
        ['--group-by', 'severity'],
        ['--show', 'all'],
        ['--max', 'ten'],
        ['--max', '-1'],
        ['--fail-on', 'sometimes'],
        ['--stage', 'galactic'],
        ['--json', '--format', 'sarif'],
        ['does-not-exist'],
      ]) {
        const run = await check(root, ...args);
        assert.equal(run.code, 2, args.join(' '));
        assert.match(run.err, /usage: stage-guide check/);
      }
    });
  });

  describe('--stage', () => {
    it('previews another stage: what it asks becomes due', async () => {
      const root = make(MVP_SERVICE);
      const declared = JSON.parse((await check(root, '--format', 'json', '--fail-on', 'none')).out);
      const preview = JSON.parse((await check(root, '--format', 'json', '--fail-on', 'none', '--stage', 'production')).out);
      assert.deepEqual(
        [preview.services[0].stage.id, preview.services[0].declaredStage, preview.services[0].stageOverridden],
        ['production', 'mvp', true],
      );
      assert.ok(preview.summary.warnings > declared.summary.warnings);
      const text = await check(root, '--stage', 'prod', '--fail-on', 'none');
      assert.match(text.out, /^Stage {6}Production-Ready \(--stage; declared: MVP\) · next: At Scale$/m);
    });
  });

  describe('JSON format', () => {
    it('is the documented shape: schemaVersion, summary, services with concerns, practices, findings and readiness', async () => {
      const root = make(MVP_SERVICE);
      const run = await check(root, '--format', 'json');
      const json = JSON.parse(run.out);
      assert.equal(json.schemaVersion, 1);
      assert.deepEqual(Object.keys(json), ['schemaVersion', 'failOn', 'failed', 'summary', 'services', 'notifications']);
      assert.deepEqual([json.failOn, json.failed, run.code], ['warning', true, 1]);
      const [service] = json.services;
      assert.deepEqual(Object.keys(service), [
        'root',
        'stageFile',
        'name',
        'stage',
        'declaredStage',
        'stageOverridden',
        'next',
        'stageFileProblems',
        'concerns',
        'findings',
        'readiness',
      ]);
      assert.deepEqual(
        [service.root, service.stageFile, service.name, service.stage.id, service.next.id],
        ['.', '.stage.yml', 'shop', 'mvp', 'production'],
      );
      const techStack = service.concerns.find((concern: { id: string }) => concern.id === 'tech-stack');
      assert.deepEqual([techStack.stage, techStack.observedStage, techStack.badge], ['mvp', 'prototype', 'gaps']);
      assert.equal(techStack.ladder.length, 5);
      const manifest = techStack.practices.find((practice: { id: string }) => practice.id === 'tech-stack/prototype/dependency-manifest');
      assert.deepEqual(manifest.evidence, [{ file: 'package.json', line: null, detail: 'package.json' }]);
      const lockfile = techStack.practices.find((practice: { id: string }) => practice.id === 'tech-stack/mvp/lockfile');
      assert.deepEqual(
        [lockfile.status, lockfile.timing, lockfile.severity, lockfile.satisfiedBy[0].signal],
        ['missing', 'due', 'warning', 'deps.lockfile'],
      );
      const unknown = service.concerns
        .flatMap((concern: { practices: unknown[] }) => concern.practices)
        .find((practice: { id: string }) => practice.id === 'goal/mvp/feedback-channel');
      assert.deepEqual([unknown.status, unknown.unknownReason, unknown.severity], ['unknown', 'not-observable', null]);
      const add = service.findings.find((finding: { rule: string }) => finding.rule === 'docker/add-instead-of-copy');
      assert.deepEqual(
        [add.file, add.line, add.column, add.severity, add.status, add.stage],
        ['Dockerfile', 2, 1, 'warning', 'due', 'mvp'],
      );
      assert.match(add.helpUri, /\/docs\/rules\/docker\/add-instead-of-copy\.md$/);
      assert.equal(service.readiness.to.id, 'production');
      assert.ok(service.readiness.concerns.every((concern: { from: string; to: string }) => concern.to !== concern.from));
    });

    it('--json is the same as --format json', async () => {
      const root = make(PROTOTYPE_SERVICE);
      assert.deepEqual(JSON.parse((await check(root, '--json')).out), JSON.parse((await check(root, '--format', 'json')).out));
    });
  });

  describe('SARIF format', () => {
    it('is valid SARIF 2.1.0 with rules, levels, 1-based regions and help', async () => {
      const root = make(MVP_SERVICE);
      const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as {
        runs: Array<{
          tool: {
            driver: {
              rules: Array<{ id: string; helpUri?: string; help: { text: string; markdown: string }; properties: Record<string, unknown> }>;
            };
          };
          results: Array<{
            ruleId: string;
            ruleIndex: number;
            level: string;
            locations: Array<{
              physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
            }>;
          }>;
        }>;
      };
      const [run] = sarif.runs;
      const rules = run.tool.driver.rules;
      for (const result of run.results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
      const add = run.results.find((result) => result.ruleId === 'docker/add-instead-of-copy')!;
      assert.deepEqual(
        [
          add.level,
          add.locations[0].physicalLocation.artifactLocation.uri,
          add.locations[0].physicalLocation.region.startLine,
          add.locations[0].physicalLocation.region.startColumn,
        ],
        ['warning', 'Dockerfile', 2, 1],
      );
      assert.match(rules[add.ruleIndex].helpUri!, /\/docs\/rules\/docker\/add-instead-of-copy\.md$/);
      assert.deepEqual(rules[add.ruleIndex].properties, {
        tags: ['stage-guide', 'config-file', 'tech-stack'],
        stage: 'mvp',
        concern: 'tech-stack',
        kind: 'config-file',
      });
      const healthcheck = run.results.find((result) => result.ruleId === 'docker/healthcheck')!;
      assert.equal(healthcheck.level, 'note');
      const lockfile = run.results.find((result) => result.ruleId === 'tech-stack/mvp/lockfile')!;
      assert.deepEqual(
        [
          lockfile.level,
          lockfile.locations[0].physicalLocation.artifactLocation.uri,
          lockfile.locations[0].physicalLocation.region.startLine,
        ],
        ['warning', '.stage.yml', 1],
        'a gap with no place of its own points at the governing .stage.yml',
      );
      assert.match(rules[lockfile.ruleIndex].help.markdown, /\*\*Satisfied by\*\*/);
    });

    it('a gap contradicted by a file points at that file (and lists the others as related locations)', async () => {
      const root = make({ '.stage.yml': 'stage: scale\n', 'a/Dockerfile': 'FROM node:20\n', 'b/Dockerfile': 'FROM node:20\n' });
      const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as {
        runs: Array<{
          results: Array<{
            ruleId: string;
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
            relatedLocations?: unknown[];
          }>;
        }>;
      };
      const multiStage = sarif.runs[0].results.find((result) => result.ruleId === 'tech-stack/scale/multi-stage-images')!;
      assert.equal(multiStage.locations[0].physicalLocation.artifactLocation.uri, 'a/Dockerfile');
      assert.equal(multiStage.relatedLocations?.length, 1);
    });

    it('the schema check is a real one: it rejects a broken log', () => {
      assert.equal(
        sarifValidator()({
          version: '2.1.0',
          runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }],
        }),
        false,
      );
    });
  });
});
