import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYZERS } from '../../../../src/core/rules/engine/analyzerRegistry';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import type { RuleModule } from '../../../../src/core/rules/engine/ruleModule';
import { moduleNameOf, RULE_KINDS, renderRuleRegistries, ruleModuleFiles, rulesFolder } from '../../../../scripts/ruleRegistryFiles';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The modules of a kind's folder as the generated registry lists them. */
function registered(kind: string, constant: string): readonly RuleModule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the registry's path depends on the kind
  const registry = require(join(rulesFolder(ROOT, kind), 'index.ts')) as Record<string, readonly RuleModule[]>;
  return registry[constant];
}

describe('rule registries (one module per rule, src/core/rules/<kind>/rules/)', () => {
  it('are generated from the rule module files and committed in sync (regenerate with `npm run rule-registry`)', () => {
    const files = renderRuleRegistries(ROOT);
    assert.equal(files.size, RULE_KINDS.length);
    for (const [path, text] of files) {
      assert.ok(existsSync(join(ROOT, path)), `${path} is missing: run npm run rule-registry`);
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), text, `${path} is stale: run npm run rule-registry`);
    }
  });

  for (const { kind, constant } of RULE_KINDS) {
    describe(kind, () => {
      const modules = registered(kind, constant);
      const declared = builtinRuleCatalog()
        .rules.filter((rule) => rule.kind === kind)
        .map((rule) => rule.id);

      it('registers every module file of the folder, each declaring a rule of this kind in a file named after its id', () => {
        assert.deepEqual(modules.map((module) => `${moduleNameOf(module.ruleId)}.ts`).sort(), ruleModuleFiles(ROOT, kind));
        for (const module of modules) {
          assert.equal(module.kind, kind, module.ruleId);
          assert.equal(typeof module.detect, 'function', module.ruleId);
        }
      });

      it(`every metadata id in data/rules/${kind}.yml has a module, and every module has metadata`, () => {
        const ids = modules.map((module) => module.ruleId);
        assert.deepEqual(
          declared.filter((id) => !ids.includes(id)),
          [],
          'metadata without a rule module',
        );
        assert.deepEqual(
          ids.filter((id) => !declared.includes(id)),
          [],
          'rule modules without metadata',
        );
        assert.equal(new Set(ids).size, ids.length, 'one module per rule id');
      });

      it("is what the kind's analyzer runs", () => {
        assert.deepEqual([...(ANALYZERS[kind].ruleIds ?? [])].sort(), modules.map((module) => module.ruleId).sort());
      });
    });
  }
});
