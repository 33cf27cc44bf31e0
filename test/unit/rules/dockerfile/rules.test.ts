import * as assert from 'node:assert/strict';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { analyze, expectedSpans, findingsOf, ruleFixtures } from './fixtureSupport';

describe('Dockerfile rules: fixtures', () => {
  const fixtures = ruleFixtures();

  it('every Dockerfile rule of the catalog has a positive and a negative fixture', () => {
    const dockerRules = builtinRuleCatalog().rules.filter((rule) => rule.kind === 'dockerfile');
    assert.ok(dockerRules.length >= 16);
    for (const rule of dockerRules) {
      assert.ok(
        fixtures.some((fixture) => fixture.ruleId === rule.id && fixture.kind === 'bad'),
        `${rule.id} has no bad-*.Dockerfile`,
      );
      assert.ok(
        fixtures.some((fixture) => fixture.ruleId === rule.id && fixture.kind === 'good'),
        `${rule.id} has no good-*.Dockerfile`,
      );
    }
  });

  for (const fixture of fixtures) {
    if (fixture.kind === 'bad') {
      it(`${fixture.name}: reports ${fixture.ruleId} once on each "# expect" instruction`, () => {
        const spans = expectedSpans(fixture.text);
        assert.ok(spans.length > 0, 'a bad fixture marks at least one instruction with "# expect"');
        const findings = findingsOf(fixture.text, fixture.ruleId);
        const lines = findings.map((finding) => finding.range.start.line + 1);
        assert.equal(findings.length, spans.length, `findings on lines ${lines.join(', ')}`);
        for (const span of spans) {
          const inside = findings.filter((finding) => span.first <= finding.range.start.line && finding.range.end.line <= span.last);
          assert.equal(inside.length, 1, `one finding in lines ${span.first + 1}-${span.last + 1}; found on ${lines.join(', ')}`);
        }
        for (const finding of findings) assert.ok(finding.message && finding.message.length > 0, 'each finding says what it found');
      });
    } else {
      it(`${fixture.name}: does not report ${fixture.ruleId}`, () => {
        const findings = findingsOf(fixture.text, fixture.ruleId);
        assert.deepEqual(
          findings.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`),
          [],
        );
      });
    }
  }

  it('no fixture makes any detector fail', () => {
    for (const fixture of fixtures) assert.deepEqual(analyze(fixture.text).parseProblems, [], fixture.name);
  });
});
