import * as assert from 'node:assert/strict';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { TERRAFORM_RULES } from '../../../../src/core/rules/terraform/rules/index';
import { applyTextEdits } from '../../../../src/core/text';
import { analyzeFixture, expectedLines, ruleFixtures } from './fixtureSupport';

const fixtures = ruleFixtures();

describe('Terraform rules: fixtures', () => {
  it('every rule has metadata, a positive and a negative fixture', () => {
    const catalog = builtinRuleCatalog();
    for (const rule of TERRAFORM_RULES) {
      assert.ok(catalog.byId.get(rule.ruleId), `${rule.ruleId} has metadata`);
      assert.equal(catalog.byId.get(rule.ruleId)?.concern, rule.concern, `${rule.ruleId}: concern as in data/rules/terraform.yml`);
      assert.ok(
        fixtures.some((fixture) => fixture.ruleId === rule.ruleId && fixture.kind === 'bad'),
        `${rule.ruleId} has a bad- fixture`,
      );
      assert.ok(
        fixtures.some((fixture) => fixture.ruleId === rule.ruleId && fixture.kind === 'good'),
        `${rule.ruleId} has a good- fixture`,
      );
    }
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.kind === 'bad' ? 'reported on the # expect lines, only there' : 'not reported'}`, () => {
      let reported = 0;
      for (const { file, analysis } of analyzeFixture(fixture.files)) {
        assert.deepEqual(analysis.parseProblems, [], file.path);
        const lines = analysis.findings.filter((finding) => finding.ruleId === fixture.ruleId).map((finding) => finding.range.start.line);
        reported += lines.length;
        assert.deepEqual(
          lines.sort((a, b) => a - b),
          fixture.kind === 'bad' ? expectedLines(file.text) : [],
          file.path,
        );
      }
      if (fixture.kind === 'bad') assert.ok(reported > 0, 'a bad fixture draws the rule');
    });
  }

  it('each quick fix makes its finding go away and leaves the file readable', () => {
    let fixes = 0;
    for (const fixture of fixtures.filter((candidate) => candidate.kind === 'bad')) {
      for (const { file, analysis } of analyzeFixture(fixture.files)) {
        for (const finding of analysis.findings.filter((candidate) => candidate.ruleId === fixture.ruleId && candidate.fix)) {
          fixes++;
          const fixed = applyTextEdits(file.text, finding.fix!.edits);
          const others = fixture.files.map((other) => (other === file ? { ...other, text: fixed } : other));
          const after = analyzeFixture(others).find((entry) => entry.file.path === file.path)!.analysis;
          assert.deepEqual(after.parseProblems, []);
          const before = analysis.findings.filter((candidate) => candidate.ruleId === fixture.ruleId).length;
          assert.equal(
            after.findings.filter((candidate) => candidate.ruleId === fixture.ruleId).length,
            before - 1,
            `${fixture.name}: "${finding.fix!.title}" fixes its finding\n${fixed}`,
          );
        }
      }
    }
    assert.ok(fixes >= 8, `quick fixes exercised: ${fixes}`);
  });
});
