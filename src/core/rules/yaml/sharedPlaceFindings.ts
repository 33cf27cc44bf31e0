import { builtinRuleCatalog } from '../engine/ruleCatalog';
import type { RawFinding } from '../types';

/**
 * One finding per place: a setting shared through an anchor (`<<: *defaults`, an `x-` extension field) is
 * read once per service or container that merges it, so a rule finds the same line again and again (one
 * anchor line drew 80 identical findings on a real repository). The first is kept, saying how many
 * others merge it; the fix, written once at the anchor, serves them all.
 */
export function oncePerPlace(findings: readonly RawFinding[]): RawFinding[] {
  const kept = new Map<string, { finding: RawFinding; others: number }>();
  for (const finding of findings) {
    const { start, end } = finding.range;
    const key = `${finding.ruleId}@${start.line}:${start.character}-${end.line}:${end.character}`;
    const seen = kept.get(key);
    if (seen) seen.others++;
    else kept.set(key, { finding, others: 0 });
  }
  if (kept.size === findings.length) return [...findings];
  return [...kept.values()].map(({ finding, others }) =>
    others === 0
      ? finding
      : {
          ...finding,
          message: `${messageOf(finding)} (shared: ${others} more ${others === 1 ? 'place merges' : 'places merge'} this line)`.trimStart(),
        },
  );
}

/** The finding's own message, else its rule's title (what a finding without one shows), so a note appended to it reads as a sentence. */
export function messageOf(finding: RawFinding): string {
  return finding.message ?? builtinRuleCatalog().byId.get(finding.ruleId)?.title ?? '';
}
