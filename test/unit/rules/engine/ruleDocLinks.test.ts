import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../src/cli/runCli';
import type { Terminal } from '../../../../src/cli/terminal';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { ruleDocPath, ruleDocUrl } from '../../../../src/core/rules/engine/ruleDocs';
import { todayIso } from '../../../../src/core/stageFile/parseStageFile';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The link every surface gives a rule is its generated page: docs/rules/<id>.md on the repository's main branch. */
describe('rule links point at the generated rule pages', function () {
  this.timeout(120_000);
  const catalog = builtinRuleCatalog();

  it("every rule's URL names its committed page", () => {
    for (const rule of catalog.rules) {
      assert.ok(ruleDocUrl(rule.id).endsWith(`/${ruleDocPath(rule.id)}`), rule.id);
      assert.ok(existsSync(join(ROOT, ruleDocPath(rule.id))), `${ruleDocPath(rule.id)} is missing: run npm run rule-docs`);
    }
  });

  it('SARIF gives each reported rule its page as helpUri', async () => {
    const out: string[] = [];
    const term: Terminal = { out: (line = '') => out.push(line), err: () => undefined, color: false, width: 120, isTTY: false };
    const dir = join('examples', 'k8s-system-production');
    await runCli(['check', dir, '--root', dir, '--format', 'sarif'], { term, cwd: ROOT, today: todayIso() });
    const sarif = JSON.parse(out.join('\n')) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> };
    const configRules = sarif.runs[0].tool.driver.rules.filter((rule) => catalog.byId.has(rule.id));
    assert.ok(configRules.length > 0, 'the example reports config rules');
    for (const rule of configRules) assert.equal(rule.helpUri, ruleDocUrl(rule.id), rule.id);
  });

  it("the editor's hover and diagnostic link a rule id through ruleDocUrl", () => {
    // The extension needs the editor to run; its two links are checked where they are built.
    const hover = readFileSync(join(ROOT, 'src', 'extension', 'configFiles', 'configHovers.ts'), 'utf8');
    assert.match(hover, /\[\\`\$\{staged\.rule\.id\}\\`\]\(\$\{ruleDocUrl\(staged\.rule\.id\)\}\)/);
    const diagnostics = readFileSync(join(ROOT, 'src', 'extension', 'configFiles', 'configDiagnostics.ts'), 'utf8');
    assert.match(diagnostics, /target: vscode\.Uri\.parse\(ruleDocUrl\(staged\.rule\.id\)\)/);
  });
});
