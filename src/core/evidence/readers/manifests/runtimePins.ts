/**
 * Whether a runtime version constraint pins one version of the runtime, at
 * the precision that runtime's releases need: Node.js by major (`20.x`,
 * `^20.11`), Python and PHP by minor (`3.12.*`, `~8.2.0`). A range open at
 * the top (`>=12`, `>=3.9`), a caret over minors (`^3.11` for Python) or a
 * choice of versions (`18 || 20`) lets the runtime drift: not a pin.
 *
 * Reads npm semver ranges, PEP 440 specifiers and Composer constraints in
 * their common forms; anything else is not a pin.
 */
export function pinsOneVersion(constraint: string, precision: number): boolean {
  const text = constraint.trim();
  if (text === '' || text.includes('||') || text.includes(' - ')) return false;
  let lower: number[] | undefined;
  let upper: number[] | undefined;
  // `>= 18 < 19` → `>=18 <19`; comparators are separated by spaces (npm) or commas (PEP 440, Composer).
  const comparators = text.split(/[\s,]+/).reduce<string[]>((joined, part) => {
    if (joined.length > 0 && /^[<>=!~^]+$/.test(joined[joined.length - 1])) joined[joined.length - 1] += part;
    else if (part !== '') joined.push(part);
    return joined;
  }, []);
  for (const comparator of comparators) {
    const range = comparatorRange(comparator);
    if (range === undefined) return false;
    if (range.lower) lower = !lower || compare(range.lower, lower) > 0 ? range.lower : lower;
    if (range.upper) upper = !upper || compare(range.upper, upper) < 0 ? range.upper : upper;
  }
  if (!lower || !upper) return false;
  const pinned = lower.slice(0, precision);
  while (pinned.length < precision) pinned.push(0);
  return compare(upper, increment(pinned, precision - 1)) <= 0;
}

interface Range {
  lower?: number[];
  /** Exclusive. */
  upper?: number[];
}

/** One comparator as a half-open range of versions; undefined when it is not understood. */
function comparatorRange(comparator: string): Range | undefined {
  let op = '';
  let i = 0;
  while (i < comparator.length && '<>=!~^'.includes(comparator[i])) op += comparator[i++];
  const parsed = parseVersion(comparator.slice(i));
  if (!parsed) return undefined;
  const { parts, wildcard } = parsed;
  if (op === '!=') return {};
  if (op === '' || op === '=' || op === '==' || op === '===') {
    // `20`, `20.x`, `3.12.*`: every version under that prefix; `20.11.1`: that version alone.
    return wildcard || parts.length < 3
      ? { lower: parts, upper: increment(parts, parts.length - 1) }
      : { lower: parts, upper: next(parts) };
  }
  if (op === '~') return { lower: parts, upper: increment(parts, Math.min(1, parts.length - 1)) };
  if (op === '~=') return parts.length < 2 ? undefined : { lower: parts, upper: increment(parts, parts.length - 2) };
  if (op === '^') {
    const nonZero = parts.findIndex((part) => part !== 0);
    return { lower: parts, upper: increment(parts, nonZero < 0 ? parts.length - 1 : nonZero) };
  }
  if (op === '>=' || op === '>') return { lower: parts };
  if (op === '<') return { upper: parts };
  if (op === '<=') return { upper: next(parts) };
  return undefined;
}

/** `v20.11.1`, `3.12.*`, `20.x` → numeric parts before any wildcard; undefined for anything else (`lts/*`, `latest`). */
function parseVersion(text: string): { parts: number[]; wildcard: boolean } | undefined {
  const version = text.replace(/^v/, '').split('-')[0];
  const parts: number[] = [];
  for (const part of version.split('.')) {
    if (part === 'x' || part === 'X' || part === '*') return parts.length > 0 ? { parts, wildcard: true } : undefined;
    if (!/^\d+$/.test(part)) return undefined;
    parts.push(Number(part));
  }
  return parts.length > 0 ? { parts, wildcard: false } : undefined;
}

/** The first version after `parts` at position `index` (`[3, 12]` at 1 → `[3, 13]`). */
function increment(parts: readonly number[], index: number): number[] {
  const result = parts.slice(0, index + 1);
  while (result.length <= index) result.push(0);
  result[index] += 1;
  return result;
}

/** Just above an exact version: the next patch-level step at its last position. */
function next(parts: readonly number[]): number[] {
  return [...parts, 0, 1];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
