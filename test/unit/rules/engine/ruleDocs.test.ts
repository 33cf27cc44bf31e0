import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { renderRulePage } from '../../../../src/core/rules/engine/ruleDocPages';
import { ruleDocPath, ruleDocUrl } from '../../../../src/core/rules/engine/ruleDocs';
import { listPages } from '../../../../scripts/rule-docs';
import { renderRuleDocs } from '../../../../scripts/ruleDocFiles';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('generated rule documentation (docs/rules)', () => {
  const catalog = builtinRuleCatalog();
  const matrix = builtinMatrix();
  const files = renderRuleDocs(catalog, matrix, ROOT);

  it('links every rule to its own page in the repository', () => {
    assert.equal(
      ruleDocUrl('docker/non-root-user'),
      'https://github.com/stage-guide/stage-guide/blob/main/docs/rules/docker/non-root-user.md',
    );
    for (const rule of catalog.rules) assert.ok(files.has(ruleDocPath(rule.id)), rule.id);
  });

  it('is committed and in sync with data/rules and the fixtures (regenerate with `npm run rule-docs`)', () => {
    for (const [path, text] of files) {
      assert.ok(existsSync(join(ROOT, path)), `${path} is missing: run npm run rule-docs`);
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), text, `${path} is stale: run npm run rule-docs`);
    }
    assert.deepEqual(
      listPages(join(ROOT, 'docs', 'rules')).filter((path) => !files.has(path)),
      [],
      'pages of rules that no longer exist',
    );
  });

  it('indexes every rule once, with a link that resolves to its page', () => {
    const index = files.get('docs/rules/README.md')!;
    for (const rule of catalog.rules) {
      const links = index.split(`[\`${rule.id}\`](`).length - 1;
      assert.equal(links, 1, rule.id);
      assert.ok(index.includes(`(${rule.id}.md)`), rule.id);
    }
  });

  it("quotes the matrix cell of the rule's concern at every stage verbatim, and marks the rule's stage", () => {
    const rule = catalog.byId.get('docker/non-root-user')!;
    const page = files.get(ruleDocPath(rule.id))!;
    const security = matrix.concerns.find((concern) => concern.id === 'security')!;
    for (const cell of Object.values(security.cells)) assert.ok(page.includes(cell.text), cell.text);
    assert.match(page, /Production-Ready System\*\*: .* ← this rule starts here/);
  });

  it("shows reported and not-reported examples without the tests' expect markers, fenced safely", () => {
    const page = files.get(ruleDocPath('docker/non-root-user'))!;
    assert.match(page, /## Reported\n\n`test\/fixtures\/rules\/dockerfile\/non-root-user\/bad-/);
    assert.match(page, /## Not reported\n/);
    assert.doesNotMatch(page, /# expect/);
    const withBackticks = renderRulePage(catalog.byId.get('docker/non-root-user')!, matrix, [
      { kind: 'bad', path: 'x', text: '```\nFROM x\n' },
    ]);
    assert.match(withBackticks, /\n````dockerfile\n```\nFROM x\n````\n/);
  });

  it("shows the quick fix's result for a CI rule whose fixture has one", () => {
    const page = files.get(ruleDocPath('gha/checkout-persist-credentials'))!;
    assert.match(page, /## After the quick fix\n\n`test\/fixtures\/rules\/github-actions\/checkout-persist-credentials\/bad\.yml\.fixed`/);
  });
});
