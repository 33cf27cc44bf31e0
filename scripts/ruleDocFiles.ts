import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../src/core/matrix/types';
import type { RuleCatalog } from '../src/core/rules/engine/ruleCatalog';
import { formerIdsOf } from '../src/core/rules/engine/ruleCatalog';
import { renderFormerRulePage, renderRulePage, renderRulesIndex } from '../src/core/rules/engine/ruleDocPages';
import type { RuleExample } from '../src/core/rules/engine/ruleDocPages';
import { ruleDocPath } from '../src/core/rules/engine/ruleDocs';
import type { RuleMeta } from '../src/core/rules/types';

/**
 * Every generated rule page, path (relative to `root`) → text. The examples come from the rules'
 * own test fixtures, so a page shows exactly what the tests prove is reported and what is not:
 * Dockerfile and Terraform rules keep `bad-*`/`good-*` files in test/fixtures/rules/<kind>/<slug>/, CI rules
 * keep `<slug>.positive.yml`, `.positive.fixed.yml` and `.negative*.yml`. Compose and Kubernetes
 * fixtures hold many rules per file and give no per-rule example yet.
 */
export function renderRuleDocs(catalog: RuleCatalog, matrix: Matrix, root: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('docs/rules/README.md', renderRulesIndex(catalog, matrix));
  for (const rule of catalog.rules) {
    files.set(ruleDocPath(rule.id), renderRulePage(rule, matrix, examplesOf(rule, root)));
    // A merged rule's old pages stay, saying where the check went (links in old reports keep working).
    for (const formerId of formerIdsOf(rule)) files.set(ruleDocPath(formerId), renderFormerRulePage(formerId, rule, matrix));
  }
  return files;
}

function examplesOf(rule: RuleMeta, root: string): RuleExample[] {
  const slug = rule.id.slice(rule.id.indexOf('/') + 1);
  if (rule.kind === 'dockerfile' || rule.kind === 'terraform') {
    const folder = `test/fixtures/rules/${rule.kind}/${slug}`;
    // Files only: a Terraform fixture may be a folder (a module of several files), too long for a page.
    const names = existsSync(join(root, folder))
      ? readdirSync(join(root, folder), { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort()
      : [];
    const first = (prefix: string) => names.find((name) => name.startsWith(prefix));
    return [example('bad', folder, first('bad-'), root), example('good', folder, first('good-'), root)].filter(isExample);
  }
  if (rule.kind === 'github-actions' || rule.kind === 'gitlab-ci') {
    const folder = `test/fixtures/rules/${rule.kind}`;
    const names = readdirSync(join(root, folder)).sort();
    const pick = (name: string) => (names.includes(name) ? name : undefined);
    const negative = names.find((name) => name.startsWith(`${slug}.negative`) && name.endsWith('.yml'));
    return [
      example('bad', folder, pick(`${slug}.positive.yml`), root),
      example('fixed', folder, pick(`${slug}.positive.fixed.yml`), root),
      example('good', folder, negative, root),
    ].filter(isExample);
  }
  return [];
}

/** A fixture as an example; the tests' `# expect` markers are left out of the page. */
function example(kind: RuleExample['kind'], folder: string, name: string | undefined, root: string): RuleExample | undefined {
  if (!name) return undefined;
  const path = `${folder}/${name}`;
  const text = readFileSync(join(root, path), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*# expect\b/.test(line))
    .join('\n');
  return { kind, path, text };
}

function isExample(value: RuleExample | undefined): value is RuleExample {
  return value !== undefined;
}
