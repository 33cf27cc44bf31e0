import * as assert from 'node:assert/strict';
import { analyzeFile, EDITOR_ANALYSIS } from '../../../../src/core/rules/engine/analyzeFile';
import { collectFixAll } from '../../../../src/core/rules/engine/fixAll';
import { fixEditsBuilt, fixOnDemand, isFixOnDemand, settleFixes } from '../../../../src/core/rules/engine/fixesOnDemand';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { hoverAt, stageAnalysis, withHoverAnchors } from '../../../../src/core/guidance/fileGuidance';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import type { FileKind, RawFinding, RuleFix } from '../../../../src/core/rules/types';
import { rangeOf } from '../../../../src/core/text';
import { governingFrom } from '../../../../src/core/workspace/stageResolution';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { parseStageFile } from '../../../../src/core/stageFile/parseStageFile';
import { ruleFixtures } from '../../../../scripts/ruleFixtures';
import { analyzeRuleFixture } from '../fixtureAnalyses';

/**
 * The editor analyses an open file as the user types with EDITOR_ANALYSIS: no quick fix's edits are built until a
 * code action reads them, and then they must be exactly what `check`, fix-all and the CLI's `--fix` build at once (a
 * fix whose builder finds nothing is no fix there: it offers no code action here); the hover anchors are made on the
 * first hover, and must be those an analysis makes at once.
 */
const KINDS: FileKind[] = ['dockerfile', 'compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'terraform'];
/** The kinds whose rules build their fixes on demand (Dockerfile and Terraform edits are a few characters, built at once). */
const ON_DEMAND_KINDS = new Set<FileKind>(['compose', 'kubernetes', 'github-actions', 'gitlab-ci']);

/** Every fix of the findings: their own, their steps', their shared defaults'. */
function fixesOf(findings: readonly RawFinding[]): RuleFix[] {
  return findings.flatMap((finding) =>
    [finding.fix, ...(finding.steps ?? []).map((step) => step.fix), finding.shared?.fix].filter((fix) => fix !== undefined),
  );
}

/** The findings as data, every fix's edits read; a fix made on demand that has none left out (as settling leaves it out). */
function asData(findings: readonly RawFinding[]): unknown {
  const plain = (fix: RuleFix | undefined) =>
    fix === undefined || (isFixOnDemand(fix) && fix.edits.length === 0) ? undefined : { title: fix.title, edits: fix.edits };
  const data = findings.map((finding) => ({
    ...finding,
    fix: plain(finding.fix),
    ...(finding.steps ? { steps: finding.steps.map((step) => ({ ...step, fix: plain(step.fix) })) } : {}),
    ...(finding.shared ? { shared: { ...finding.shared, fix: plain(finding.shared.fix) } } : {}),
  }));
  return JSON.parse(JSON.stringify(data));
}

describe('quick fixes built on demand (the editor analysis)', () => {
  for (const kind of KINDS) {
    it(`${kind}: on every rule fixture, the same findings and anchors, each fix's edits, once read, those built at once`, () => {
      const fixtures = ruleFixtures(kind);
      assert.ok(fixtures.length > 0, `no fixtures for ${kind}`);
      let onDemand = 0;
      for (const fixture of fixtures) {
        const eager = analyzeRuleFixture(kind, fixture, fixture.text);
        const lazy = analyzeRuleFixture(kind, fixture, fixture.text, EDITOR_ANALYSIS);
        assert.ok(!fixesOf(eager.findings).some(isFixOnDemand), `${fixture.path}: a default analysis holds only plain fixes`);
        const waiting = fixesOf(lazy.findings).filter(isFixOnDemand);
        assert.ok(!waiting.some(fixEditsBuilt), `${fixture.path}: a fix's edits were built before anyone read them`);
        onDemand += waiting.length;
        assert.deepEqual(asData(lazy.findings), asData(eager.findings), fixture.path);
        assert.deepEqual(lazy.parseProblems, eager.parseProblems, fixture.path);
        assert.deepEqual(lazy.anchors, [], `${fixture.path}: no anchors made before a hover`);
        assert.deepEqual(withHoverAnchors(lazy).anchors, eager.anchors, fixture.path);
        assert.equal(lazy.anchorsOnDemand, undefined, 'made once');
        // The editor reads no digests of its own (it judges by the last scan's model): none are made.
        assert.equal(lazy.digests, undefined, `${fixture.path}: the editor's analysis makes no digests`);
        const withDigests = analyzeRuleFixture(kind, fixture, fixture.text, { ...EDITOR_ANALYSIS, digests: true });
        assert.deepEqual(
          JSON.parse(JSON.stringify(withDigests.digests ?? null)),
          JSON.parse(JSON.stringify(eager.digests ?? null)),
          fixture.path,
        );
      }
      if (ON_DEMAND_KINDS.has(kind)) assert.ok(onDemand > 0, `no ${kind} fixture has a fix built on demand`);
    });
  }

  it("the editor's analysis of a file makes no digests; a scan's makes them, and the same findings", () => {
    const files: Array<[string, string]> = [
      [
        '/repo/.github/workflows/ci.yml',
        'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose -f compose.yaml up -d\n',
      ],
      ['/repo/.gitlab-ci.yml', 'test:\n  script:\n    - docker build -t app .\n'],
      ['/repo/compose.yaml', 'services:\n  web:\n    image: web:latest\n'],
      [
        '/repo/deploy.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: web, image: web:latest}\n',
      ],
      ['/repo/Dockerfile', 'FROM node:20\nRUN npm ci\n'],
    ];
    for (const [path, text] of files) {
      const editor = analyzeFile(path, text, NO_WORKSPACE_FACTS, EDITOR_ANALYSIS)!;
      const scan = analyzeFile(path, text, NO_WORKSPACE_FACTS)!;
      assert.equal(editor.digests, undefined, path);
      assert.ok(scan.digests && scan.digests.length > 0, `${path}: a scan's analysis has digests`);
      assert.deepEqual(asData(editor.findings), asData(scan.findings), path);
    }
  });

  it('a fix whose edits would change a list an alias shares offers none, on demand too', () => {
    const text =
      'services:\n  a:\n    image: a:1\n    security_opt: &opts\n      - apparmor:unconfined\n  b:\n    image: b:1\n    security_opt: *opts\n';
    const lazy = analyzeFile('/repo/compose.yaml', text, NO_WORKSPACE_FACTS, EDITOR_ANALYSIS)!;
    const findings = lazy.findings.filter((finding) => finding.ruleId === 'compose/no-new-privileges');
    assert.equal(findings.length, 2);
    assert.ok(findings.every((finding) => finding.fix && !fixEditsBuilt(finding.fix)));
    assert.deepEqual(
      findings.map((finding) => finding.fix!.edits),
      [[], []],
    );
    const eager = analyzeFile('/repo/compose.yaml', text, NO_WORKSPACE_FACTS)!;
    assert.deepEqual(
      eager.findings.filter((finding) => finding.ruleId === 'compose/no-new-privileges').map((finding) => finding.fix),
      [undefined, undefined],
    );
  });

  it("the editor's analysis builds no edits until a code action reads one finding's, then builds that one's once", () => {
    const jobs = Array.from(
      { length: 40 },
      (_, i) => `  job-${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n`,
    );
    const text = `name: ci\non: [push]\npermissions:\n  contents: read\njobs:\n${jobs.join('')}`;
    const path = '/repo/.github/workflows/ci.yml';
    const analysis = analyzeFile(path, text, NO_WORKSPACE_FACTS, EDITOR_ANALYSIS)!;
    const stageYaml = 'stage: enterprise\n';
    const matrix = builtinMatrix();
    const parsed = parseStageFile(stageYaml, { matrix, today: '2026-01-01' });
    const governing = governingFrom({
      path: '/repo/.stage.yml',
      dir: '/repo',
      text: stageYaml,
      config: parsed.config,
      problems: parsed.problems,
      matrix,
    });
    // Diagnostics: the staged findings, as configDiagnostics reads them.
    const staged = stageAnalysis(analysis, governing, builtinRuleCatalog(), path, '2026-01-01').staged;
    // The workflow-level fixes (concurrency) are a few edits per file, built at once; the per-job ones wait.
    const fixes = fixesOf(analysis.findings).filter(isFixOnDemand);
    assert.ok(fixes.length >= 80, `a timeout and a checkout fix per job (${fixes.length})`);
    assert.ok(!fixes.some(fixEditsBuilt), 'no edits built for diagnostics');

    // A code action on one diagnostic reads its finding's fix.
    const asked = staged.find((finding) => finding.finding.ruleId === 'gha/job-timeout-minutes' && finding.finding.fix)!;
    const edits = asked.finding.fix!.edits;
    assert.equal(asked.finding.fix!.edits, edits, 'built once, then kept');
    assert.deepEqual(fixes.filter(fixEditsBuilt), [asked.finding.fix], 'only the asked fix is built');
    const eager = analyzeFile(path, text, NO_WORKSPACE_FACTS)!;
    const same = eager.findings.find(
      (finding) => finding.ruleId === asked.finding.ruleId && finding.range.start.line === asked.finding.range.start.line,
    )!;
    assert.deepEqual(edits, same.fix!.edits);
    assert.ok(edits.length > 0);

    // A hover makes the anchors, and shows what an analysis that made them at once shows.
    const eagerGuidance = stageAnalysis(eager, governing, builtinRuleCatalog(), path, '2026-01-01');
    const guidance = stageAnalysis(analysis, governing, builtinRuleCatalog(), path, '2026-01-01');
    assert.deepEqual(analysis.anchors, [], 'no anchors made for diagnostics');
    const at = { line: asked.finding.range.start.line, character: asked.finding.range.start.character };
    // As data: a fix made on demand is no plain object, its edits serialise as a plain fix's do.
    assert.deepEqual(JSON.parse(JSON.stringify(hoverAt(guidance, at))), JSON.parse(JSON.stringify(hoverAt(eagerGuidance, at))));
    assert.ok(analysis.anchors.length > 0, 'made for the hover, kept for the next');

    // Fix-all reads them all, and takes what it takes from the eager analysis.
    const eagerStaged = stageAnalysis(eager, governing, builtinRuleCatalog(), path, '2026-01-01').staged;
    assert.deepEqual(collectFixAll(staged).edits, collectFixAll(eagerStaged).edits);
  });

  it('settling builds each fix once, drops one without edits, and lets a failing builder throw (inside the rule guard)', () => {
    let builds = 0;
    const range = rangeOf(0, 0, 0, 1);
    const shared = fixOnDemand('shared', () => {
      builds++;
      return [{ range, newText: 'x' }];
    });
    const empty = fixOnDemand('nothing to change', () => []);
    const settled = settleFixes([
      { ruleId: 'r', range, fix: shared, steps: [{ from: 'production', message: 'm', fix: shared }] },
      { ruleId: 'r', range, fix: empty },
    ]);
    assert.equal(builds, 1);
    assert.deepEqual(settled, [
      {
        ruleId: 'r',
        range,
        fix: { title: 'shared', edits: [{ range, newText: 'x' }] },
        steps: [{ from: 'production', message: 'm', fix: { title: 'shared', edits: [{ range, newText: 'x' }] } }],
      },
      { ruleId: 'r', range },
    ]);
    assert.ok(!isFixOnDemand(settled[0].fix));
    const failing = fixOnDemand('fails', () => {
      throw new Error('builder bug');
    });
    assert.throws(() => settleFixes([{ ruleId: 'r', range, fix: failing }]), /builder bug/);
    assert.deepEqual(
      fixOnDemand('fails', () => {
        throw new Error('builder bug');
      }).edits,
      [],
      'read on demand, a failing builder offers no edits',
    );
  });
});
