import { builtinRuleCatalog, nameableRuleIds } from '../core/rules/engine/ruleCatalog';

/** Rule ids the `.stage.yml` parser accepts under `rules:` and in waivers (a merged rule's former ids too). */
export function ruleCatalogIds(): ReadonlySet<string> {
  return nameableRuleIds(builtinRuleCatalog());
}
