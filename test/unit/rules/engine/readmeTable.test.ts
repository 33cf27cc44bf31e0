import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { ruleDocAnchor, ruleDocUrl } from '../../../../src/core/rules/engine/ruleDocs';
import { readmeRulesSection, renderRulesTable, RULES_END_MARKER, RULES_START_MARKER, withRulesSection } from '../../../../src/core/rules/engine/rulesTable';

const README = join(__dirname, '..', '..', '..', '..', 'README.md');

describe('README rules table', () => {
  const catalog = builtinRuleCatalog();
  const table = renderRulesTable(catalog);

  it('has one row per rule, with the anchor ruleDocUrl links to', () => {
    const rows = table.split('\n').slice(2);
    assert.equal(rows.length, catalog.rules.length);
    for (const rule of catalog.rules) {
      const row = rows.find((candidate) => candidate.includes(`\`${rule.id}\``));
      assert.ok(row, rule.id);
      assert.ok(row.includes(`<a id="${ruleDocAnchor(rule.id)}"></a>`), rule.id);
      assert.ok(ruleDocUrl(rule.id).endsWith(`#${ruleDocAnchor(rule.id)}`));
      assert.equal(row.split(/(?<!\\)\|/).length - 2, 8, `${rule.id}: 8 cells (pipes in text are escaped)`);
    }
  });

  it('links rules to README anchors', () => {
    assert.equal(ruleDocUrl('docker/non-root-user'), 'https://github.com/stage-guide/stage-guide#rule-docker-non-root-user');
  });

  it('replaces only the section between the markers', () => {
    const readme = `# Title\n\n${RULES_START_MARKER}\nold\n${RULES_END_MARKER}\n\nAfter.\n`;
    const updated = withRulesSection(readme, '| new |');
    assert.equal(updated, `# Title\n\n${RULES_START_MARKER}\n\n| new |\n\n${RULES_END_MARKER}\n\nAfter.\n`);
    assert.equal(readmeRulesSection(updated ?? ''), '| new |');
    assert.equal(withRulesSection('# no markers', '| x |'), undefined);
  });

  it('README.md is in sync with the catalog (regenerate with `npx tsx scripts/rules-table.ts --write`)', () => {
    const section = readmeRulesSection(readFileSync(README, 'utf8'));
    assert.ok(section !== undefined, `README.md needs a ${RULES_START_MARKER} … ${RULES_END_MARKER} section for the generated rules table`);
    assert.equal(section, table, 'README.md rules table is stale: run `npx tsx scripts/rules-table.ts --write`');
  });
});
