/**
 * Writes the rule documentation generated from data/rules/*.yml and the rules' fixtures:
 * docs/rules/README.md (the index) and docs/rules/<rule id>.md (one page per rule).
 * With --check it writes nothing and exits 1 when a committed page is stale (a unit test
 * makes the same comparison).
 *
 *   npm run rule-docs [-- --check]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
// From source the core reads data/ through the node adapter (bundles embed it).
import '../src/cli/sourceShippedData';
import { builtinMatrix } from '../src/core/matrix/builtinMatrix';
import { builtinRuleCatalog } from '../src/core/rules/engine/ruleCatalog';
import { renderRuleDocs } from './ruleDocFiles';

const ROOT = join(__dirname, '..');

function main(): number {
  const files = renderRuleDocs(builtinRuleCatalog(), builtinMatrix(), ROOT);
  const check = process.argv.includes('--check');
  const stale = [...files]
    .filter(([path, text]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), 'utf8') !== text)
    .map(([path]) => path);
  const orphans = listPages(join(ROOT, 'docs', 'rules')).filter((path) => !files.has(path));
  if (check) {
    for (const path of [...stale, ...orphans]) process.stderr.write(`stale: ${path}\n`);
    return stale.length + orphans.length > 0 ? 1 : 0;
  }
  for (const path of stale) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), files.get(path)!);
  }
  for (const path of orphans) rmSync(join(ROOT, path));
  process.stdout.write(`docs/rules: ${files.size} pages, ${stale.length} written, ${orphans.length} removed.\n`);
  return 0;
}

/** Every .md under docs/rules, relative to the repository root. */
export function listPages(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

if (require.main === module) process.exitCode = main();
