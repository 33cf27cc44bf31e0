/**
 * A small tokenizer for the brace languages Stage Guide reads a few calls
 * from: Groovy (Jenkinsfiles) and JavaScript/TypeScript (a logger's set-up).
 * It knows comments, the quotes of both languages — Groovy's '…', "…",
 * '''…''' and """…""", JavaScript's template literals — and escapes, so
 * that a quote or a brace inside a string or a comment is never read as code.
 * It is not a parser: callers walk the tokens for the few shapes they need
 * (`sh '…'` in a stage, `format.json()` in a file that imports winston).
 *
 * Not understood, on purpose: Groovy slashy strings (`/…/`, which a division
 * also starts) and JavaScript regular-expression literals read as
 * punctuation and words; `${…}` inside a string stays in its value verbatim,
 * as text the reader cannot know until run time.
 */

export type BraceToken =
  | { kind: 'word'; value: string; start: number }
  | { kind: 'punct'; value: string; start: number }
  | {
      kind: 'string';
      /** The string's text with escapes resolved (`\'` → `'`, `\$` → `$`, a line continuation removed). */
      value: string;
      start: number;
      /** Offset of the first character of the text, after the opening quote(s). */
      textStart: number;
      /** True for "…", """…""" and `…`: strings where `${…}` is interpolated. */
      interpolated: boolean;
    };

export interface BraceTokenOptions {
  /** Groovy: '''…''' and """…""" are strings. */
  tripleQuotes?: boolean;
  /** JavaScript: `…` is a string. */
  templateLiterals?: boolean;
}

/** The tokens of `text`, comments left out. Never throws; an unterminated string or comment runs to the end. */
export function braceTokens(text: string, options: BraceTokenOptions = {}): BraceToken[] {
  const tokens: BraceToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || (c === '`' && options.templateLiterals)) {
      const triple = options.tripleQuotes === true && c !== '`' && text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const read = readString(text, i + quote.length, quote);
      tokens.push({ kind: 'string', value: read.value, start: i, textStart: i + quote.length, interpolated: c !== "'" });
      i = read.end;
    } else if (isWordChar(c)) {
      const start = i;
      while (i < text.length && isWordChar(text[i])) i++;
      tokens.push({ kind: 'word', value: text.slice(start, i), start });
    } else {
      tokens.push({ kind: 'punct', value: c, start: i });
      i++;
    }
  }
  return tokens;
}

function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || c === '_' || c === '$' || code > 127;
}

/** Reads a string's text from `from` up to its closing `quote`; returns the resolved value and the offset after the quote. */
function readString(text: string, from: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = from;
  // Single-line quotes end at a newline in Groovy and JavaScript alike (unterminated: stop there).
  const singleLine = quote.length === 1 && quote !== '`';
  while (i < text.length) {
    if (text.startsWith(quote, i)) return { value, end: i + quote.length };
    const c = text[i];
    if (singleLine && c === '\n') return { value, end: i };
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === '\n') {
        // A backslash before the end of the line continues the string on the next line.
        i += 2;
        continue;
      }
      value += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: text.length };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** Zero-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
