/**
 * Prints the README rules table generated from data/rules/*.yml, or with
 * `--write` replaces the section between `<!-- rules:start -->` and
 * `<!-- rules:end -->` in README.md. A unit test fails when README is stale.
 *
 *   npx tsx scripts/rules-table.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleCatalog } from '../src/core/rules/engine/ruleCatalog';
import { renderRulesTable, RULES_END_MARKER, RULES_START_MARKER, withRulesSection } from '../src/core/rules/engine/rulesTable';

function main(): number {
  const table = renderRulesTable(builtinRuleCatalog());
  if (!process.argv.includes('--write')) {
    process.stdout.write(`${table}\n`);
    return 0;
  }
  const readmePath = join(__dirname, '..', 'README.md');
  const updated = withRulesSection(readFileSync(readmePath, 'utf8'), table);
  if (updated === undefined) {
    process.stderr.write(`README.md has no ${RULES_START_MARKER} … ${RULES_END_MARKER} section to write the table into.\n`);
    return 1;
  }
  writeFileSync(readmePath, updated);
  process.stdout.write(`README.md: rules table updated (${builtinRuleCatalog().rules.length} rules).\n`);
  return 0;
}

process.exitCode = main();
