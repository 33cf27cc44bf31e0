/**
 * Glob matching for patterns that come from a repository's own files
 * (`.stage.yml` `ignore:` and waiver paths, Dependabot `directory:`).
 *
 * Why not minimatch or picomatch here: both compile a glob into a regular
 * expression, and a pattern such as `a*a*a*a*a*a*a*a*b` then backtracks
 * catastrophically on a long file name (80 characters already take seconds).
 * A cloned repository must not be able to hang the linter, so these globs are
 * matched with the classic wildcard algorithm instead: on a mismatch it only
 * ever returns to the most recent star, which bounds the work by
 * (pattern length × text length), once per path segment and once over the
 * segments for `**`. (recheck rates minimatch's regex for that pattern an 8th-degree
 * polynomial; test/unit/foundation/linearGlob.test.ts proves it, so a minimatch that stops
 * backtracking is noticed. Measured here: 24 ms at 30 characters for minimatch, 55 ms for
 * picomatch, growing with the 8th power.)
 *
 * Semantics follow minimatch with `{ dot: true }`: `*` and `?` stay within a
 * path segment, `**` as a whole segment spans any number of segments (none
 * included), `[a-z]`/`[!x]` classes, `\` escapes, `{a,b}` alternatives, a
 * leading `!` negates, a leading `#` is a comment that matches nothing.
 * `matchBase` matches a pattern without "/" against the last path segment.
 */

/** How many patterns `{…}` alternatives may expand into; beyond this a glob is refused. */
export const MAX_BRACE_EXPANSIONS = 256;
/** Longer globs are refused: no real path pattern needs this much. */
export const MAX_GLOB_LENGTH = 4096;

export interface LinearGlob {
  pattern: string;
  match(path: string): boolean;
}

export interface LinearGlobOptions {
  matchBase?: boolean;
}

/** Why a glob cannot be used (too long, too many alternatives), or undefined. */
export function linearGlobProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters`;
  if (expandBraces(pattern) === undefined) return `its {…} alternatives expand to more than ${MAX_BRACE_EXPANSIONS} patterns`;
  return undefined;
}

/** Compiles a glob; a glob with a problem (see linearGlobProblem) matches nothing. */
export function compileLinearGlob(pattern: string, options: LinearGlobOptions = {}): LinearGlob {
  let body = pattern;
  let negated = false;
  if (body.startsWith('#')) return { pattern, match: () => false };
  while (body.startsWith('!')) {
    negated = !negated;
    body = body.slice(1);
  }
  const expanded = body.length > MAX_GLOB_LENGTH ? undefined : expandBraces(body);
  if (!expanded) return { pattern, match: () => false };
  const alternatives = expanded.map((alternative) => withTrailingGlobstarRule(alternative.split('/').map(compileSegment)));
  const matchBase = options.matchBase === true && !body.includes('/');
  return {
    pattern,
    match(path: string): boolean {
      const segments = path.split('/');
      // "dir/" (a folder written with its slash) also matches a pattern for "dir", as in minimatch.
      const trimmed = segments.length > 1 && segments[segments.length - 1] === '' ? segments.slice(0, -1) : undefined;
      const subjects = [segments, ...(trimmed ? [trimmed] : [])].map((subject) => (matchBase ? [subject[subject.length - 1]] : subject));
      const found = subjects.some((subject) => alternatives.some((alternative) => matchSegments(alternative, subject)));
      return found !== negated;
    },
  };
}

/** Whether `path` matches `pattern` (see compileLinearGlob). */
export function linearGlobMatch(path: string, pattern: string, options: LinearGlobOptions = {}): boolean {
  return compileLinearGlob(pattern, options).match(path);
}

type SegmentMatcher = { globstar: true } | { globstar: false; tokens: Token[]; anyText?: boolean };
type Token =
  | { kind: 'literal'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

/** A trailing `**` needs at least one segment ("a/**" matches "a/x" and "a/", not "a"), as in minimatch. */
function withTrailingGlobstarRule(pattern: SegmentMatcher[]): SegmentMatcher[] {
  const last = pattern[pattern.length - 1];
  if (pattern.length < 2 || !last?.globstar) return pattern;
  return [...pattern.slice(0, -1), ANY_SEGMENT, last];
}

const ANY_SEGMENT: SegmentMatcher = { globstar: false, tokens: [{ kind: 'star' }], anyText: true };

function compileSegment(segment: string): SegmentMatcher {
  if (segment === '**') return { globstar: true };
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      tokens.push({ kind: 'literal', char: segment[++i] });
    } else if (c === '*') {
      // `**` inside a segment is a plain star; consecutive stars are one star.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
    } else if (c === '[') {
      const parsed = parseClass(segment, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'literal', char: c });
    } else tokens.push({ kind: 'literal', char: c });
  }
  return { globstar: false, tokens };
}

/** `[abc]`, `[a-z]`, `[!x]`/`[^x]`; undefined when the bracket never closes (then it is a literal "["). */
function parseClass(segment: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (segment[i] === '!' || segment[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Array<[string, string]> = [];
  let first = true;
  for (; i < segment.length; i++) {
    let c = segment[i];
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < segment.length) c = segment[++i];
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      let to = segment[i + 2];
      i += 2;
      if (to === '\\' && i + 1 < segment.length) to = segment[++i];
      ranges.push([c, to]);
    } else ranges.push([c, c]);
  }
  return undefined;
}

function tokenMatches(token: Token, char: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'literal') return token.char === char;
  if (token.kind === 'class') return token.ranges.some(([from, to]) => from <= char && char <= to) !== token.negated;
  return false;
}

/**
 * The wildcard algorithm over one segment: on a mismatch, retry from the last
 * star with one more character swallowed. Earlier stars never need revisiting
 * (a star matches any run), so the work is at most tokens × characters.
 */
function matchSegment(tokens: readonly Token[], text: string): boolean {
  if (text === '') return tokens.length === 0; // a `*` segment never matches an empty one
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token && token.kind === 'star') {
      starP = p++;
      starT = t;
    } else if (token && tokenMatches(token, text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}

/** The same algorithm one level up: `**` is the star, a segment matcher the character test. */
function matchSegments(pattern: readonly SegmentMatcher[], segments: readonly string[]): boolean {
  let s = 0;
  let p = 0;
  let starP = -1;
  let starS = 0;
  while (s < segments.length) {
    const matcher = pattern[p];
    if (matcher && matcher.globstar) {
      starP = p++;
      starS = s;
    } else if (matcher && (matcher.anyText || matchSegment(matcher.tokens, segments[s]))) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (pattern[p]?.globstar) p++;
  return p === pattern.length;
}

/**
 * `{a,b}` alternatives (nested allowed), expanded left to right like
 * brace-expansion; a brace without a comma stays literal. Undefined when the
 * expansion would exceed MAX_BRACE_EXPANSIONS. Numeric ranges (`{1..9}`) are
 * not expanded: they stay literal rather than become a way to allocate.
 */
export function expandBraces(pattern: string): string[] | undefined {
  const open = findTopLevelBrace(pattern);
  if (!open) return [pattern];
  const { start, end, parts } = open;
  const prefix = pattern.slice(0, start);
  const suffixes = expandBraces(pattern.slice(end + 1));
  if (!suffixes) return undefined;
  const results: string[] = [];
  for (const part of parts) {
    const middles = expandBraces(part);
    if (!middles) return undefined;
    for (const middle of middles) {
      for (const suffix of suffixes) {
        results.push(prefix + middle + suffix);
        if (results.length > MAX_BRACE_EXPANSIONS) return undefined;
      }
    }
  }
  return results;
}

/** The first `{…}` holding a top-level comma, with its comma-separated parts; escaped braces do not count. */
function findTopLevelBrace(pattern: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = 0; start < pattern.length; start++) {
    if (pattern[start] === '\\') {
      start++;
      continue;
    }
    if (pattern[start] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) break; // `{x}` is literal: look for a later brace
          const bounds = [start, ...commas, i];
          const parts = bounds.slice(1).map((to, index) => pattern.slice(bounds[index] + 1, to));
          return { start, end: i, parts };
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/**
 * A plain wildcard where `*` is any run of characters ("/" included) and
 * everything else is literal: data key paths (`inject-*`) and package-name
 * patterns (`@nestjs/*`). Same bounded algorithm as the globs above.
 */
export function compileWildcard(pattern: string, options: { ignoreCase?: boolean } = {}): (text: string) => boolean {
  const fold = (text: string) => (options.ignoreCase ? text.toLowerCase() : text);
  const tokens: Token[] = [];
  const folded = fold(pattern);
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i];
    if (c !== '*') tokens.push({ kind: 'literal', char: c });
    else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
  }
  if (!tokens.some((token) => token.kind === 'star')) return (text) => fold(text) === fold(pattern);
  return (text) => {
    const folded = fold(text);
    return folded === '' ? tokens.every((token) => token.kind === 'star') : matchSegment(tokens, folded);
  };
}

/** "dir///" → "dir" by a scan, not `/\/+$/` (which is quadratic on a long run of slashes not at the end). */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}
