import { builtinRuleCatalog } from '../core/rules/engine/ruleCatalog';

/** Rule ids the `.stage.yml` parser accepts under `rules:` and in waivers. */
export function ruleCatalogIds(): ReadonlySet<string> {
  return new Set(builtinRuleCatalog().byId.keys());
}
