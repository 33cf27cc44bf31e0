import { isBlankOrComment, isMarker, plainKey } from './yamlTopLevelKeys';

/**
 * A YAML text with the `spec:` of each CustomResourceDefinition document
 * blanked out — every character of the lines below `spec:` but line breaks
 * turned into a space, so every offset, line and column of the rest is the
 * text's own — or undefined when there is nothing to leave out.
 *
 * Comment lines are kept (a suppression comment is read wherever it is).
 *
 * Why: a CRD's spec is an OpenAPI schema of every field of the custom
 * resource, documented (hundreds of KB a file; an operator's chart ships
 * dozens), and it is most of the YAML a repository of charts holds: on a tree
 * of 20 real repositories, files holding CRDs took 45% of the time to parse
 * the YAML a scan reads; `check` there took 30% less time once they were left
 * out, and the editor's in-host scan's longest block fell from 3.4 s to
 * 0.26 s. No rule reads a CRD past its apiVersion, kind and metadata (the
 * deprecated-API rule reads its apiVersion); a scan asks `mayReadSchema`
 * whether a catalogue matcher or derivation might (it may name any key).
 *
 * Plain documents only, read from their lines as sniffTopLevelKeys reads them:
 * the document's lines at column 0 are `---`/`...` markers, comments, plain
 * `key:` lines and `- ` items; it has `apiVersion: apiextensions.k8s.io/…`,
 * `kind: CustomResourceDefinition` and a `spec:` line with nothing after the
 * colon but a comment; no top-level key twice; and no `*` (an alias may point
 * into the spec) on any line outside the spec. The spec's value is its lines
 * up to the next column-0 key or marker. Anything else leaves the document as it is. The
 * caller parses the result and, if yaml reports any error in it, parses the
 * text itself instead (a column-0 line inside a quoted value is not a key).
 */
export function withoutCrdSchemas(text: string, mayReadSchema: (document: CrdDocument) => boolean): string | undefined {
  if (!text.includes('CustomResourceDefinition')) return undefined;
  const regions: Array<{ start: number; end: number }> = [];
  let document = openDocument();
  const close = (at: number) => {
    closeSpec(document, at);
    if (isMaskable(document) && !mayReadSchema({ apiVersion: document.apiVersion!, keys: document.keys })) regions.push(document.spec!);
  };
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineStart = start;
    const lineEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    start = end + 1;
    if (lineEnd === lineStart) continue;
    const first = text.charCodeAt(lineStart);
    if (first === SPACE || first === HASH || (first === DASH && (lineEnd === lineStart + 1 || text.charCodeAt(lineStart + 1) === SPACE))) {
      // The value of the key above (a `- ` item at column 0 is one of its list's items), or a comment.
      if (document.keys.size === 0 && first === DASH) document.plain = false;
      if (!document.inSpec && holdsStar(text, lineStart, lineEnd)) document.plain = false;
      continue;
    }
    if (isMarker(text, lineStart, lineEnd)) {
      close(lineStart);
      document = openDocument();
      continue;
    }
    const key = plainKey(text, lineStart, lineEnd);
    closeSpec(document, lineStart);
    if (!key) {
      document.plain = false;
      continue;
    }
    // A key written twice: which one counts is the reader's choice (yaml's first, kubectl's last).
    if (document.keys.has(key.name)) document.plain = false;
    document.keys.add(key.name);
    if (holdsStar(text, key.valueStart, lineEnd)) document.plain = false;
    if (key.name === 'spec') {
      if (!isBlankOrComment(text, key.valueStart, lineEnd)) document.plain = false;
      else document.spec = { start: Math.min(end + 1, text.length), end: text.length };
      document.inSpec = true;
    } else if (key.name === 'apiVersion') document.apiVersion = plainValue(text, key.valueStart, lineEnd);
    else if (key.name === 'kind') document.kind = plainValue(text, key.valueStart, lineEnd);
  }
  close(text.length);
  return regions.length === 0 ? undefined : blanked(text, regions);
}

/** What a scan weighs before leaving a CRD's spec out: whether anything may read this document (its top-level keys). */
export interface CrdDocument {
  apiVersion: string;
  keys: ReadonlySet<string>;
}

interface OpenDocument {
  keys: Set<string>;
  apiVersion?: string;
  kind?: string;
  spec?: { start: number; end: number };
  inSpec: boolean;
  plain: boolean;
}

function openDocument(): OpenDocument {
  return { keys: new Set(), inSpec: false, plain: true };
}

/** The spec's lines end where the next key or marker starts. */
function closeSpec(document: OpenDocument, at: number): void {
  if (!document.inSpec) return;
  document.inSpec = false;
  if (document.spec) document.spec.end = at;
}

function isMaskable(document: OpenDocument): boolean {
  return (
    document.plain &&
    document.kind === 'CustomResourceDefinition' &&
    document.apiVersion !== undefined &&
    document.apiVersion.startsWith('apiextensions.k8s.io/') &&
    document.spec !== undefined &&
    document.spec.end > document.spec.start
  );
}

/** A one-word value after `key:` (a comment after it allowed); undefined for anything else. */
function plainValue(text: string, from: number, to: number): string | undefined {
  const match = /^[ \t]*([A-Za-z][\w./-]*)[ \t]*(?:#.*)?$/.exec(text.slice(from, to));
  return match?.[1];
}

/** The text with every character of the regions but `\r` and `\n` a space. */
function blanked(text: string, regions: ReadonlyArray<{ start: number; end: number }>): string {
  const parts: string[] = [];
  let from = 0;
  for (const region of regions) {
    parts.push(text.slice(from, region.start));
    let at = region.start;
    while (at < region.end) {
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0 || lineEnd > region.end) lineEnd = region.end;
      const contentEnd = lineEnd > at && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      // A comment line stays (a suppression comment is read wherever it is); yaml reads it as a comment still.
      if (isCommentLine(text, at, contentEnd)) parts.push(text.slice(at, Math.min(lineEnd + 1, region.end)));
      else parts.push(spaces(contentEnd - at), text.slice(contentEnd, Math.min(lineEnd + 1, region.end)));
      at = lineEnd + 1;
    }
    from = region.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** A `*` in the line (searched within it: a search to the text's end for every line would be quadratic). */
function holdsStar(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) === STAR) return true;
  return false;
}

function isCommentLine(text: string, from: number, to: number): boolean {
  let at = from;
  while (at < to && text.charCodeAt(at) === SPACE) at++;
  return at < to && text.charCodeAt(at) === HASH;
}

const SPACE_RUN = ' '.repeat(256);

function spaces(count: number): string {
  return count <= SPACE_RUN.length ? SPACE_RUN.slice(0, count) : ' '.repeat(count);
}

const CR = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const STAR = 42;
