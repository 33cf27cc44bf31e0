import { flatCopy, ownCopy } from '../../ownCopy';

/**
 * One copy of each string value among what a long-lived holder keeps (issue 13: the editor's scan cache, and the
 * extension host's copy of what the scan worker sends). A scan makes a new string for every path, key and message it
 * reads or builds, and a structured clone makes a new one for each string it carries: on the 100,000-file bench
 * tree, the 48 MB of strings the host held after a scan were 8 MB of distinct values (the same path in a service's
 * file list, its digests and its findings; one rule's message on thousands of findings), and messages built by
 * concatenation are kept as trees of pieces until something reads them whole.
 *
 * Bounded: past `capacity` distinct strings the table starts again (what was shared stays shared; later copies are
 * shared among themselves), so a long session of edits cannot grow it without end.
 */
export class StringTable {
  private strings = new Map<string, string>();

  constructor(private readonly capacity = 400_000) {}

  /**
   * The table's copy of `value` (the first one it was given): equal strings come back identical. A string longer than
   * MAX_SHARED_LENGTH (a file's text, a script) comes back as a copy of its own, not kept in the table: such strings
   * seldom repeat, but one read out of a file (a workflow step's script, made of slices of its lines) would keep the
   * whole file's text alive.
   */
  share(value: string): string {
    if (value.length > MAX_SHARED_LENGTH) return ownCopy(value);
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size >= this.capacity) this.strings = new Map();
    const copy = flatCopy(value);
    this.strings.set(copy, copy);
    return copy;
  }

  get size(): number {
    return this.strings.size;
  }
}

/** Strings longer than this are not shared (not worth a copy and a lookup). */
const MAX_SHARED_LENGTH = 1024;

/**
 * Replaces, in place, every string in `value`'s plain objects and arrays (and Maps' string keys and values) by the
 * table's copy, and returns `value` (a string: its shared copy). Objects of other classes, and frozen ones, are left
 * as they are: only data a scan made (facts, analyses, digests) or a structured clone delivered is walked. Equal
 * strings are interchangeable, so nothing that reads the value can tell.
 */
export function shareStrings<T>(value: T, table: StringTable): T {
  if (typeof value === 'string') return table.share(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  const seen = new Set<object>();
  const pending: object[] = [value];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      if (Object.isFrozen(node)) continue;
      for (let index = 0; index < node.length; index++) {
        const item: unknown = node[index];
        if (typeof item === 'string') node[index] = table.share(item);
        else if (typeof item === 'object' && item !== null) pending.push(item);
      }
    } else if (node instanceof Map) {
      sharedMap(node, table, pending);
    } else {
      const prototype = Object.getPrototypeOf(node);
      if ((prototype !== Object.prototype && prototype !== null) || Object.isFrozen(node)) continue;
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const item = record[key];
        if (typeof item === 'string') record[key] = table.share(item);
        else if (typeof item === 'object' && item !== null) pending.push(item);
      }
    }
  }
  return value;
}

/**
 * A Map's string keys and values shared. Equal strings compare equal whatever their copy, so a Map with string keys is
 * filled again, in its order, with the table's copies as keys (setting an existing key would keep its old copy).
 */
function sharedMap(map: Map<unknown, unknown>, table: StringTable, pending: object[]): void {
  const entries = [...map];
  const stringKeys = entries.some(([key]) => typeof key === 'string');
  if (stringKeys) map.clear();
  for (const [key, item] of entries) {
    const sharedItem = typeof item === 'string' ? table.share(item) : item;
    if (typeof item === 'object' && item !== null) pending.push(item);
    if (typeof key === 'object' && key !== null) pending.push(key);
    if (stringKeys || typeof item === 'string') map.set(typeof key === 'string' ? table.share(key) : key, sharedItem);
  }
}
