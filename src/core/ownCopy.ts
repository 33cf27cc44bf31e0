/**
 * A string that holds its own characters. A string of 13 characters or more may be a slice of a larger one (a key or
 * a value read out of a file's text keeps the whole text alive for as long as it lives) or a concatenation kept as its
 * pieces; what outlives the text it was read from is copied anew.
 *
 * Up to MAX_FLAT_COPY characters (the names, paths and messages a scan keeps by the ten thousand) through a JSON round
 * trip: the one copy V8 makes flat, its characters and nothing else. Slicing a concatenation (`" " + value`, then
 * `.slice(1)`) also copies the characters, but keeps them as a slice of that copy: 32 bytes more per string, 2 MB of
 * the editor's scan cache on a tree of 84,000 files, for half the time. Past MAX_FLAT_COPY (a script, a file's text)
 * those bytes do not matter and the slice is cheaper.
 */
export function ownCopy(value: string): string {
  if (value.length < 13) return value;
  return value.length <= MAX_FLAT_COPY ? (JSON.parse(JSON.stringify(value)) as string) : ` ${value}`.slice(1);
}

const MAX_FLAT_COPY = 1024;
