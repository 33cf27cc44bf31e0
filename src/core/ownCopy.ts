/**
 * A string that holds its own characters. A string of 13 characters or more may be a slice of a larger one (a key or
 * a value read out of a file's text keeps the whole text alive for as long as it lives) or a concatenation kept as its
 * pieces; what outlives the text it was read from is copied anew. Slicing a concatenation makes the engine copy it
 * flat first: the result is a slice of that copy alone (four times cheaper than copying it as a property name).
 * Made on every scalar a parse keeps: the cheap copy. What a long-lived table keeps is a flatCopy.
 */
export function ownCopy(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/**
 * ownCopy in the least memory, for the strings a long-lived table keeps once each (the scan cache's and the extension
 * host's StringTable): up to MAX_FLAT_COPY characters through a JSON round trip, the one copy V8 makes flat — its
 * characters and a header — where ownCopy's slice keeps 32 bytes more (2 MB of the editor's scan cache on a tree of
 * 84,000 files), at twice ownCopy's time (0.7 µs against 0.3 for a path: too slow for every scalar of every parse,
 * cheap once per distinct string kept). Past MAX_FLAT_COPY (a script, a file's text) those bytes do not count.
 */
export function flatCopy(value: string): string {
  if (value.length < 13 || value.length > MAX_FLAT_COPY) return ownCopy(value);
  return JSON.parse(JSON.stringify(value)) as string;
}

const MAX_FLAT_COPY = 1024;
