/**
 * The top-level keys of every document of a YAML text, read from its lines
 * without parsing — or undefined when the lines do not plainly say: a scan
 * sniffs a YAML file this way to learn, for a few microseconds, that no
 * matcher can want it, instead of parsing it (most YAML in a repository is
 * data: fixtures, translations, settings).
 *
 * Plain means: every document is a block map at column 0, so each of its
 * keys starts a line as `key:` (implicit keys fit on one line; an indented
 * line, or a `- item` line below a key, belongs to the value above it).
 * A document whose top level is a block sequence (`- item` lines at column 0:
 * a kustomize JSON6902 patch, `- op: replace`) fans out as a matcher's path
 * does (queryPath): its keys are those of the maps among its items, and the
 * set holds every plain key that starts one of its lines, at any depth, after
 * the indentation and `- ` markers (more keys than the items have, never
 * fewer); the answer is undefined when a line may start a key another way
 * (quoted, flow, complex, anchored, tagged, alias or merge: `- {op: add}`,
 * `- "op": add`, `- <<: *patch`) or holds `: ` after something else.
 * The answer is undefined as soon as a line at column 0 is anything else —
 * a list below an inline value, flow style, a quoted, complex, anchored, tagged or merge key, a
 * directive, a tab, a key yaml reads as true, false or null, text after
 * `---` — or a document's first line is indented, or an indented line is
 * where yaml would report an error and may recover a top-level key from it
 * (below an inline value; less indented than the lines above it; a list
 * item among map entries). The set may hold keys a parse would not see (a
 * column-0 line inside a quoted value); for a text yaml reads without
 * errors it never misses one, which is what a caller relies on
 * (test/unit/evidence/yamlTopLevelKeys.test.ts checks it against yaml on
 * generated texts). In a text with errors, keys yaml invents from other
 * mis-indented lines may be missed: such documents are guesses anyway.
 */
export function sniffTopLevelKeys(text: string): ReadonlySet<string> | undefined {
  const keys = new Set<string>();
  // The value of the last key: none yet (no key in this document), inline (on the key's line), a block scalar, or nested below.
  let value: 'none' | 'inline' | 'scalar' | 'nested' = 'none';
  // The indentation of the first line below an open key, and what that line was (a list item, a map entry, other):
  // a later line indented less, or one at that indentation of another shape, is an error yaml may read as a key.
  let blockIndent: number | undefined;
  let blockShape: LineShape | undefined;
  // The document's top level is a block sequence (its first line at column 0 is `- `).
  let sequence = false;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    const lineStart = start;
    start = end + 1;
    if (lineEnd === lineStart) continue;
    const first = text.charCodeAt(lineStart);
    if (sequence && first === SPACE) {
      if (!sequenceLineKey(text, lineStart, lineEnd, keys)) return undefined;
      continue;
    }
    if (first === SPACE) {
      const indent = indentation(text, lineStart, lineEnd);
      if (indent === lineEnd - lineStart || text.charCodeAt(lineStart + indent) === HASH) continue;
      // Below an inline value, or before any key, an indented line is a continuation or an error: only a parse can tell.
      if (value === 'none' || value === 'inline') return undefined;
      // An indented `: value` (an explicit value) may attach to a key yaml finds at the top level: only a parse can tell.
      if (text.charCodeAt(lineStart + indent) === COLON) return undefined;
      const shape = lineShape(text, lineStart + indent, lineEnd);
      if (blockIndent === undefined) {
        blockIndent = indent;
        blockShape = shape;
      } else if (indent < blockIndent || (value === 'nested' && indent === blockIndent && shape !== blockShape)) return undefined;
      continue;
    }
    if (first === HASH) continue;
    // `key:` then `- item` lines at column 0: a sequence in the key's value.
    if (first === DASH && (lineEnd === lineStart + 1 || text.charCodeAt(lineStart + 1) === SPACE)) {
      // The document's first line: a sequence at the top; its items' keys count (lists at the top fan out).
      if (sequence || value === 'none') {
        sequence = true;
        if (!sequenceLineKey(text, lineStart, lineEnd, keys)) return undefined;
        continue;
      }
      if (value !== 'nested' || (blockIndent !== undefined && blockShape !== 'item')) return undefined;
      value = 'nested';
      blockIndent = undefined;
      blockShape = undefined;
      continue;
    }
    if (isMarker(text, lineStart, lineEnd)) {
      value = 'none';
      sequence = false;
      continue;
    }
    // Below a sequence at the top, a line at column 0 that is not an item is an error only a parse can weigh.
    if (sequence) return undefined;
    const key = plainKey(text, lineStart, lineEnd);
    if (key === undefined) return undefined;
    keys.add(key.name);
    value = valueKind(text, key.valueStart, lineEnd);
    blockIndent = undefined;
    blockShape = undefined;
  }
  return keys;
}

const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
const PIPE = 124;
const GREATER = 62;
const AMPERSAND = 38;
const BANG = 33;

/** Only spaces, or spaces then a comment. */
export function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE) continue;
    return code === HASH;
  }
  return true;
}

/** `---` or `...` alone (or followed by spaces and a comment): a document starts or ends. */
export function isMarker(text: string, from: number, to: number): boolean {
  if (to - from < 3) return false;
  const code = text.charCodeAt(from);
  if (code !== DASH && code !== DOT) return false;
  if (text.charCodeAt(from + 1) !== code || text.charCodeAt(from + 2) !== code) return false;
  return isBlankOrComment(text, from + 3, to) && (to === from + 3 || text.charCodeAt(from + 3) === SPACE);
}

/** Keys yaml's core schema reads as something other than the same text. */
const NOT_PLAIN_TEXT = new Set(['true', 'false', 'null']);

/** `name:` then a space, a tab or the end of the line; the name a letter or `_`, then letters, digits, `_ . / -`. */
export function plainKey(text: string, from: number, to: number): { name: string; valueStart: number } | undefined {
  if (!isKeyStart(text.charCodeAt(from))) return undefined;
  let i = from + 1;
  while (i < to && isKeyPart(text.charCodeAt(i))) i++;
  const keyEnd = i;
  while (i < to && text.charCodeAt(i) === SPACE) i++;
  if (i >= to || text.charCodeAt(i) !== COLON) return undefined;
  const after = i + 1 < to ? text.charCodeAt(i + 1) : SPACE;
  if (after !== SPACE && after !== TAB) return undefined;
  const name = text.slice(from, keyEnd);
  return NOT_PLAIN_TEXT.has(name.toLowerCase()) ? undefined : { name, valueStart: i + 1 };
}

/**
 * Where a key's value is: on the lines below (nothing but anchors, tags and
 * a comment after the colon), a block scalar below (`|`, `>-`, `|2`), or
 * inline (anything else).
 */
function valueKind(text: string, from: number, to: number): 'inline' | 'scalar' | 'nested' {
  let i = from;
  let scalar = false;
  for (;;) {
    while (i < to && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (i >= to || text.charCodeAt(i) === HASH) return scalar ? 'scalar' : 'nested';
    const code = text.charCodeAt(i);
    if (scalar) return 'inline';
    if (code === PIPE || code === GREATER) {
      scalar = true;
      i++;
      while (i < to && isBlockHeaderPart(text.charCodeAt(i))) i++;
      continue;
    }
    if (code !== AMPERSAND && code !== BANG) return 'inline';
    while (i < to && text.charCodeAt(i) !== SPACE && text.charCodeAt(i) !== TAB) i++;
  }
}

/** Characters that may start a key other than a plain one, or a flow collection that may hold a map: `? { [ & ! * < " ' % @ \` |  > : ,`. */
const NOT_PLAIN_START = new Set([63, 123, 91, AMPERSAND, BANG, 42, 60, 34, 39, 37, 64, 96, PIPE, GREATER, COLON, 44, TAB]);

/**
 * One line of a document whose top level is a sequence: adds the plain key its content starts with (after the
 * indentation and any `- ` markers), whatever its depth; false when the line may hold a key in another shape (see
 * NOT_PLAIN_START), or `: ` or a final `:` after something that is not a plain key.
 */
function sequenceLineKey(text: string, from: number, to: number, keys: Set<string>): boolean {
  let i = from;
  for (;;) {
    while (i < to && text.charCodeAt(i) === SPACE) i++;
    if (i < to && text.charCodeAt(i) === DASH && (i + 1 === to || text.charCodeAt(i + 1) === SPACE)) i++;
    else break;
  }
  if (i >= to || text.charCodeAt(i) === HASH) return true;
  if (NOT_PLAIN_START.has(text.charCodeAt(i))) return false;
  const key = plainKey(text, i, to);
  if (key) {
    keys.add(key.name);
    return true;
  }
  const colon = text.indexOf(':', i);
  if (colon < 0 || colon >= to) return true;
  // A plain scalar (`/spec/replicas`, `http://x`) may hold a colon, never `: `, a colon and a tab, or a colon at its end.
  for (let at = colon; at >= 0 && at < to; at = text.indexOf(':', at + 1)) {
    const after = at + 1 < to ? text.charCodeAt(at + 1) : SPACE;
    if (after === SPACE || after === TAB) return false;
  }
  return true;
}

type LineShape = 'item' | 'entry' | 'other';

/** A list item (`- …`), a map entry (a `: ` or a final `:` in it), or other text. */
function lineShape(text: string, from: number, to: number): LineShape {
  if (text.charCodeAt(from) === DASH && (to === from + 1 || text.charCodeAt(from + 1) === SPACE)) return 'item';
  const colon = text.indexOf(': ', from);
  if ((colon >= 0 && colon < to) || text.charCodeAt(to - 1) === COLON) return 'entry';
  return 'other';
}

function isBlockHeaderPart(code: number): boolean {
  return code === 43 || code === DASH || (code >= 49 && code <= 57);
}

function indentation(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === SPACE) i++;
  return i - from;
}

function isKeyStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isKeyPart(code: number): boolean {
  return isKeyStart(code) || (code >= 48 && code <= 57) || code === DASH || code === DOT || code === 47;
}
