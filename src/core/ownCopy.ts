/**
 * A string that holds its own characters. A string of 13 characters or more may be a slice of a larger one (a key or
 * a value read out of a file's text keeps the whole text alive for as long as it lives) or a concatenation kept as its
 * pieces; what outlives the text it was read from is copied anew. Slicing a concatenation makes the engine copy it
 * flat first: the result is a slice of that copy alone (four times cheaper than copying it as a property name).
 */
export function ownCopy(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
