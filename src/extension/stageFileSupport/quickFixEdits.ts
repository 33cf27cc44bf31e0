// The text changes behind `.stage.yml` quick fixes, pure (no `vscode`):
// "did you mean" replacements and locating the waiver a problem belongs to.
import { isMap, isScalar, isSeq } from 'yaml';
import { parseDocumentsWithinLimits } from '../../core/rules/yaml/nestingLimit';
import type { Node } from 'yaml';

/** How many days "Extend waiver" adds, counted from today (an expired date plus 30 days may still be past). */
export const WAIVER_EXTENSION_DAYS = 30;

/** A suggestion written the way the replaced scalar was: inside the same quotes when it was quoted. */
export function replacementText(writtenSource: string, suggestion: string): string {
  const quote = writtenSource[0];
  if (quote === '"') return JSON.stringify(suggestion);
  if (quote === "'") return `'${suggestion.replace(/'/g, "''")}'`;
  return suggestion;
}

/** Index, among the items of the top-level `waivers:` list, of the item containing `offset`. */
export function waiverIndexAt(text: string, offset: number): number | undefined {
  // Bounded like every parse of repository text: a .stage.yml nested 10k deep must not overflow the host's stack.
  const root = parseDocumentsWithinLimits(text, { uniqueKeys: false }).documents[0]?.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'waivers');
  if (!pair || !isSeq(pair.value)) return undefined;
  const index = pair.value.items.findIndex((item) => {
    const range = (item as Node | null)?.range;
    return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
  });
  return index >= 0 ? index : undefined;
}

/** `iso` (YYYY-MM-DD) plus `days`, in UTC so time zones never shift the date. */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
