import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { withoutRuleTexts, withRuleTexts } from '../../../src/core/evidence/assessment/findingRuleTexts';
import { assessWorkspace } from '../../../src/core/evidence/index';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';

/**
 * A finding crosses the scan worker's boundary without the texts its rule gives every finding of it (title, why,
 * fix, documentation link), and the host takes them from its own catalogue: what arrives must be the finding itself.
 */
describe("findings without their rules' texts (the scan worker's findings slices)", () => {
  const catalog = builtinRuleCatalog();

  it('takes them back from the catalogue: every finding of a fixture workspace, as it was', async () => {
    const root = toCorePath(join(__dirname, '..', '..', 'fixtures', 'workspaces', 'deployment-judgement'));
    const assessed = await assessWorkspace(root, { fs: nodeFileSystem, workspaceRoot: root, today: '2026-01-01', fixes: 'titles' });
    const findings = assessed.services.flatMap((service) => service.findings);
    assert.ok(findings.length > 50, `${findings.length} findings`);
    const docUrls = new Map<string, string>();
    for (const finding of findings) {
      const lean = withoutRuleTexts(finding, catalog);
      assert.equal(lean.title, undefined, `${finding.ruleId}: its title stays behind`);
      assert.equal(lean.why, undefined);
      assert.deepStrictEqual(withRuleTexts(structuredClone(lean), catalog, docUrls), finding);
    }
    // One documentation link per rule.
    assert.equal(docUrls.size, new Set(findings.map((finding) => finding.ruleId)).size);
  });

  it('keeps the texts of a finding whose texts are not its rule’s, or whose rule the catalogue does not know', () => {
    const rule = catalog.rules[0];
    const base = {
      path: '/w/Dockerfile',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      ruleId: rule.id,
      concern: rule.concern,
      stage: 'mvp' as const,
      status: 'due' as const,
      severity: 'warning' as const,
      label: 'mvp',
      message: 'm',
      title: rule.title,
      why: 'a team wrote its own why',
      fixText: rule.fix,
      docUrl: 'https://example.test/rule',
    };
    assert.deepStrictEqual(withoutRuleTexts(base, catalog), base);
    const unknown = { ...base, ruleId: 'team/own-rule' };
    assert.deepStrictEqual(withoutRuleTexts(unknown, catalog), unknown);
    assert.throws(
      () => withRuleTexts({ ...unknown, title: undefined }, catalog, new Map()),
      /team\/own-rule, a rule the catalogue does not know/,
    );
  });
});
