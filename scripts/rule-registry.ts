/**
 * Writes the rule registries (src/core/rules/<kind>/rules/index.ts) from the rule module files.
 * With --check it writes nothing and exits 1 when a committed registry is stale (a unit test
 * makes the same comparison).
 *
 *   npm run rule-registry [-- --check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleRegistries } from './ruleRegistryFiles';

const ROOT = join(__dirname, '..');

function main(): number {
  const files = renderRuleRegistries(ROOT);
  const stale = [...files].filter(([path, text]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), 'utf8') !== text);
  if (process.argv.includes('--check')) {
    for (const [path] of stale) process.stderr.write(`stale: ${path}\n`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const [path, text] of stale) writeFileSync(join(ROOT, path), text);
  process.stdout.write(`rule registries: ${files.size} kinds, ${stale.length} written.\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
