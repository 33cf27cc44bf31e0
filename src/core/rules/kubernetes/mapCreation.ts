import { isMap } from 'yaml';
import { findPair } from '../yaml/yamlSupport';

/**
 * Whether a fix adding entries under `key` of `map` has to create that map
 * (absent, empty, or an empty flow map `{}` whose braces two inserts would
 * share). Two fixes that would both do so are anchored (see yamlEdits'
 * anchoredEdits): they overlap, so fix-all applies one per pass and never
 * writes the key twice or two entries without a comma between them.
 */
export function mustCreateMap(map: unknown, key: string): boolean {
  const value = findPair(map, key)?.value;
  return !isMap(value) || (value.flow === true && value.items.length === 0);
}
