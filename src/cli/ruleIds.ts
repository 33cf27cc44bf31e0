/** Rule ids the `.stage.yml` parser accepts under `rules:` and in waivers (wired to the rule catalog). */
export function ruleCatalogIds(): ReadonlySet<string> | undefined {
  return undefined;
}
