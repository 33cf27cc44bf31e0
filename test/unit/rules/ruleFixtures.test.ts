import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import type { FileKind, RawFinding } from '../../../src/core/rules/types';
import { checkedRules, ruleFixtures } from '../../../scripts/ruleFixtures';
import type { RuleFixture } from '../../../scripts/ruleFixtures';
import type { ExpectMarker } from '../../../scripts/ruleFixtureMarkers';
import { applyAllFixes } from './yaml/ruleTestSupport';
import { analyzeRuleFixture } from './fixtureAnalyses';

/**
 * The one rule tester of every file kind: each fixture under test/fixtures/rules/<kind>/ says
 * itself what it expects (`# expect: <rule-id>` markers, see scripts/ruleFixtureMarkers.ts), and
 * a `<name>.fixed` file holds it after the rule's quick fixes. Regenerate the `.fixed` files with
 * UPDATE_FIXTURES=1 and review the diff.
 */
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const KINDS: FileKind[] = ['dockerfile', 'compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'terraform'];

function findingsOf(kind: FileKind, fixture: RuleFixture, text: string, rules: readonly string[]): RawFinding[] {
  return analyzeRuleFixture(kind, fixture, text).findings.filter((finding) => rules.includes(finding.ruleId));
}

/** Each finding must sit on a marker naming its rule, and each marker must get exactly one finding. */
function unmatched(findings: readonly RawFinding[], markers: readonly ExpectMarker[]): string[] {
  const open = [...markers];
  const problems: string[] = [];
  for (const finding of findings) {
    const { start, end } = finding.range;
    const line = start.line;
    const at = open.findIndex(
      (marker) =>
        marker.ruleId === finding.ruleId &&
        ((marker.first <= line && line <= marker.last) || (marker.trailing && line <= marker.markerLine && marker.markerLine <= end.line)),
    );
    if (at === -1) problems.push(`unexpected ${finding.ruleId} on line ${line + 1}: ${finding.message ?? ''}`);
    else open.splice(at, 1);
  }
  for (const marker of open) problems.push(`no ${marker.ruleId} where line ${marker.markerLine + 1} expects it`);
  return problems;
}

describe('rule tester: every rule fixture (test/fixtures/rules/<kind>/)', () => {
  const catalog = builtinRuleCatalog();

  for (const kind of KINDS) {
    describe(kind, () => {
      const ids = catalog.rules.filter((rule) => rule.kind === kind).map((rule) => rule.id);
      const fixtures = ruleFixtures(kind);

      it('every rule has a positive fixture (it reports the rule) and a negative one (it does not)', () => {
        const checking = (id: string) => fixtures.filter((fixture) => checkedRules(fixture, ids).includes(id));
        for (const id of ids) {
          const marked = (fixture: RuleFixture) => fixture.markers.some((marker) => marker.ruleId === id);
          assert.ok(checking(id).some(marked), `${id} has no fixture with "# expect: ${id}"`);
          assert.ok(
            checking(id).some((fixture) => !marked(fixture)),
            `${id} has no negative fixture (one that checks it and expects nothing)`,
          );
        }
      });

      for (const fixture of fixtures) {
        const rules = checkedRules(fixture, ids);
        describe(fixture.path, () => {
          it(`reports exactly what its markers expect of ${rules.length === ids.length && rules.length > 1 ? 'every rule' : rules.join(', ')}`, () => {
            assert.deepEqual(
              rules.filter((id) => !ids.includes(id)),
              [],
              `markers or folder name rules that data/rules/${kind}.yml does not declare`,
            );
            const analysis = analyzeRuleFixture(kind, fixture, fixture.text);
            assert.deepEqual(analysis.parseProblems, [], 'the fixture parses and no detector fails on it');
            const findings = analysis.findings.filter((finding) => rules.includes(finding.ruleId));
            assert.deepEqual(unmatched(findings, fixture.markers), []);
          });

          const fixable = findingsOf(kind, fixture, fixture.text, rules).filter((finding) => finding.fix);
          // A fixture of one rule shows its fixes; a fixture checking many shows them only when it commits a `.fixed` file.
          if (fixable.length === 0 || (fixture.folderRule === undefined && fixture.fixed === undefined && !UPDATE)) return;
          it('its quick fixes give the committed .fixed file, fixing again changes nothing, and the fixed file no longer reports them', () => {
            const once = applyAllFixes(fixture.text, findingsOf(kind, fixture, fixture.text, rules));
            if (UPDATE) writeFileSync(fixture.fixedPath, once);
            else assert.equal(once, fixture.fixed, `${fixture.path}.fixed is missing or stale: run with UPDATE_FIXTURES=1 and review it`);
            const after = findingsOf(kind, fixture, once, rules);
            assert.equal(applyAllFixes(once, after), once, 'fixing the fixed file changed it again');
            assert.deepEqual(
              after.filter((finding) => finding.fix).map((finding) => `${finding.range.start.line + 1}: ${finding.ruleId}`),
              [],
              'the fixed file still reports fixable findings',
            );
            assert.ok(
              after.length <= findingsOf(kind, fixture, fixture.text, rules).length - fixable.length,
              'the fixed file reports more than the findings without a fix',
            );
          });
        });
      }
    });
  }
});
