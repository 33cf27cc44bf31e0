import { scalarNode } from './locatedTree';
import type { TreeEntry, TreeList, TreeMap, TreeValue } from './locatedTree';

/**
 * A tolerant reader for HCL2's native syntax (Terraform `*.tf`): top-level
 * blocks with their labels, attributes with literal values (strings, numbers,
 * booleans, lists, objects) and nested blocks. Expressions it cannot reduce
 * (`var.region`, `"${local.name}-db"`) are kept as text and marked. A
 * tokenizer handles strings, interpolation, heredocs and comments, so braces
 * inside them never confuse the structure. Never throws.
 */
export interface HclBlock {
  /** "resource", "provider", "module", "data", "terraform", … */
  type: string;
  labels: string[];
  line: number;
  body: TreeMap;
  /** Offsets of the block in the source, from its type word to past its closing `}`: [start, end). */
  start: number;
  end: number;
  /** Offsets of each label as written (quotes included). */
  labelRanges: Array<[number, number]>;
}

export function hclBlocks(text: string): HclBlock[] {
  return hclFile(text).blocks;
}

/** A comment as written (`#`, `//` or `/* … *\/`), with its offset and zero-based line. */
export interface HclComment {
  text: string;
  start: number;
  line: number;
}

/** Everything a file holds at its top level: blocks, attributes (`.tfvars` files are only attributes), and its comments. */
export interface HclFile {
  blocks: HclBlock[];
  attributes: TreeEntry[];
  comments: HclComment[];
}

export function hclFile(text: string): HclFile {
  const comments: HclComment[] = [];
  const parser = new HclParser(tokenize(text, comments), text);
  const { blocks, attributes } = parser.topLevel();
  return { blocks, attributes, comments };
}

interface Token {
  type: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  text: string;
  line: number;
  /** Offsets in the source, so an expression keeps its text exactly as written. */
  start: number;
  end: number;
  /** Strings: true when the literal contains `${…}` or `%{…}`. */
  template?: boolean;
}

function tokenize(text: string, comments: HclComment[] = []): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 0;
  let tokenStart = 0;
  const push = (type: Token['type'], value: string, at: number, template?: boolean) => {
    const token: Token = { type, text: value, line: at, start: tokenStart, end: tokenStart };
    if (template !== undefined) token.template = template;
    tokens.push(token);
  };
  while (i < text.length) {
    tokenStart = i;
    const before = tokens.length;
    step();
    if (tokens.length > before) tokens[tokens.length - 1].end = i;
  }
  return tokens;

  function step(): void {
    const c = text[i];
    if (c === '\n') {
      push('newline', '\n', line);
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const start = i;
      while (i < text.length && text[i] !== '\n') i++;
      comments.push({ text: text.slice(start, i), start, line });
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      comments.push({ text: text.slice(i, stop), start: i, line });
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
    } else if (c === '"') {
      const start = line;
      const { value, next, template, lines } = readQuoted(text, i);
      push('string', value, start, template);
      line += lines;
      i = next;
    } else if (c === '<' && text[i + 1] === '<' && /^<<-?[A-Za-z_]\w*\r?\n/.test(text.slice(i, i + 80))) {
      const header = /^<<-?([A-Za-z_]\w*)\r?\n/.exec(text.slice(i, i + 80))!;
      const start = line;
      let j = i + header[0].length;
      line++;
      const bodyStart = j;
      let bodyEnd = text.length;
      while (j < text.length) {
        const lineEnd = text.indexOf('\n', j);
        const current = text.slice(j, lineEnd < 0 ? text.length : lineEnd);
        if (current.trim() === header[1]) {
          bodyEnd = j;
          j = lineEnd < 0 ? text.length : lineEnd;
          break;
        }
        if (lineEnd < 0) {
          j = text.length;
          break;
        }
        j = lineEnd + 1;
        line++;
      }
      const body = text.slice(bodyStart, bodyEnd);
      push('string', body, start, /[$%]\{/.test(body));
      i = j;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64))!;
      push('number', match[0], line);
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256))!;
      push('ident', match[0], line);
      i += match[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (['==', '!=', '<=', '>=', '=>', '&&', '||', '::'].includes(two)) {
        push('punct', two, line);
        i += 2;
      } else {
        push('punct', c, line);
        i++;
      }
    }
  }
}

const MAX_QUOTE_NESTING = 16;

/** A double-quoted string from `start`, following `${…}` / `%{…}` nesting (which may hold quotes). */
function readQuoted(text: string, start: number, quoteDepth = 0): { value: string; next: number; template: boolean; lines: number } {
  let i = start + 1;
  let value = '';
  let template = false;
  let lines = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const e = text[i + 1] ?? '';
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      // A backslash that ends the file escapes nothing: the string (and its range) ends with the text.
      i = Math.min(i + 2, text.length);
    } else if (c === '"') {
      return { value, next: i + 1, template, lines };
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      template = true;
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') {
          depth--;
          if (depth === 0) break;
        } else if (text[j] === '"' && quoteDepth < MAX_QUOTE_NESTING) {
          // Quotes inside `${…}`; past the limit a quote is a plain character (no recursion without bound).
          j = readQuoted(text, j, quoteDepth + 1).next - 1;
        } else if (text[j] === '\n') lines++;
      }
      value += text.slice(i, j + 1);
      // An interpolation that never closes ends with the text (j is its length then): no range past it.
      i = Math.min(j + 1, text.length);
    } else if (c === '\n') {
      // Unterminated on this line: stop here so the rest of the file still reads.
      return { value, next: i, template, lines };
    } else {
      value += c;
      i++;
    }
  }
  return { value, next: i, template, lines };
}

const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/**
 * Blocks, objects and lists nested deeper than this are kept as unread text
 * (an empty block body, an expression): the parser recurses per level, and a
 * repository's file must not be able to exhaust the stack. Real Terraform
 * nests a handful of levels.
 */
export const MAX_HCL_NESTING = 100;

class HclParser {
  private index = 0;
  private nesting = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  topLevel(): { blocks: HclBlock[]; attributes: TreeEntry[] } {
    const blocks: HclBlock[] = [];
    const attributes: TreeEntry[] = [];
    while (!this.done()) {
      this.skipNewlines();
      if (this.done()) break;
      const statement = this.statement();
      if (statement?.kind === 'block') blocks.push(statement.block);
      else if (statement?.kind === 'attribute')
        attributes.push({
          key: statement.key,
          keyLine: statement.line,
          value: statement.value,
          keyStart: statement.keyStart,
          keyEnd: statement.keyEnd,
        });
    }
    return { blocks, attributes };
  }

  private done(): boolean {
    return this.index >= this.tokens.length;
  }

  private peek(ahead = 0): Token | undefined {
    return this.tokens[this.index + ahead];
  }

  private isPunct(token: Token | undefined, text: string): boolean {
    return token?.type === 'punct' && token.text === text;
  }

  private skipNewlines(): void {
    while (this.peek()?.type === 'newline') this.index++;
  }

  /** An attribute or a block at the cursor; on anything else, skips the line. */
  private statement():
    | { kind: 'attribute'; key: string; line: number; keyStart: number; keyEnd: number; value: TreeValue }
    | { kind: 'block'; block: HclBlock }
    | undefined {
    const first = this.peek()!;
    if (first.type !== 'ident' && first.type !== 'string') return this.skipLine();
    if (this.isPunct(this.peek(1), '=') && first.type === 'ident') {
      this.index += 2;
      return { kind: 'attribute', key: first.text, line: first.line, keyStart: first.start, keyEnd: first.end, value: this.expression() };
    }
    if (first.type !== 'ident') return this.skipLine();
    const labels: string[] = [];
    const labelRanges: Array<[number, number]> = [];
    this.index++;
    while (this.peek()?.type === 'string' || this.peek()?.type === 'ident') {
      const label = this.tokens[this.index++];
      labels.push(label.text);
      labelRanges.push([label.start, label.end]);
    }
    if (!this.isPunct(this.peek(), '{')) return this.skipLine();
    const open = this.tokens[this.index++];
    const block = (body: TreeMap): HclBlock => {
      const end = this.tokens[this.index - 1]?.end ?? open.end;
      body.start = open.start;
      body.end = end;
      if (labels.length > 0) body.labels = labels;
      return { type: first.text, labels, line: first.line, body, start: first.start, end, labelRanges };
    };
    if (this.nesting >= MAX_HCL_NESTING) {
      this.skipToClosingBrace();
      return { kind: 'block', block: block({ kind: 'map', entries: [], line: first.line }) };
    }
    this.nesting++;
    const body = this.body(first.line);
    this.nesting--;
    return { kind: 'block', block: block(body) };
  }

  /** After a block's `{`: past its matching `}` (iteratively), for a block nested too deep to read. */
  private skipToClosingBrace(): void {
    let depth = 1;
    while (!this.done() && depth > 0) {
      const token = this.tokens[this.index++];
      if (this.isPunct(token, '{')) depth++;
      else if (this.isPunct(token, '}')) depth--;
    }
  }

  private skipLine(): undefined {
    let depth = 0;
    while (!this.done()) {
      const token = this.tokens[this.index++];
      if (token.type === 'punct' && CLOSERS[token.text]) depth++;
      else if (token.type === 'punct' && Object.values(CLOSERS).includes(token.text)) depth = Math.max(0, depth - 1);
      else if (token.type === 'newline' && depth === 0) break;
    }
    return undefined;
  }

  /** A block body after its `{`, up to and including the matching `}`. */
  private body(line: number): TreeMap {
    const map: TreeMap = { kind: 'map', entries: [], line };
    for (;;) {
      this.skipNewlines();
      if (this.done()) return map;
      if (this.isPunct(this.peek(), '}')) {
        this.index++;
        return map;
      }
      const statement = this.statement();
      if (statement?.kind === 'attribute')
        map.entries.push({
          key: statement.key,
          keyLine: statement.line,
          value: statement.value,
          keyStart: statement.keyStart,
          keyEnd: statement.keyEnd,
        });
      else if (statement?.kind === 'block')
        map.entries.push({
          key: statement.block.type,
          keyLine: statement.block.line,
          value: statement.block.body,
          keyStart: statement.block.start,
          keyEnd: statement.block.start + statement.block.type.length,
        });
    }
  }

  /** One expression; literals and collections become values, anything else text. */
  private expression(): TreeValue {
    const first = this.peek();
    if (!first || first.type === 'newline') return scalarNode(null, first?.line ?? 0);
    let value: TreeValue;
    // Too deep: the collection is read as raw tokens (an iterative scan), i.e. kept as an unreduced expression.
    const readable = this.nesting < MAX_HCL_NESTING;
    if (readable && this.isPunct(first, '{') && !this.isForExpression(1)) value = this.nested(() => this.object());
    else if (readable && this.isPunct(first, '[') && !this.isForExpression(1)) value = this.nested(() => this.list());
    else {
      const tokens = this.rawTokens();
      value =
        literal(tokens) ??
        scalarNode(tokens.length > 0 ? this.source.slice(tokens[0].start, tokens[tokens.length - 1].end) : '', first.line, true);
      return located(value, first.start, tokens.length > 0 ? tokens[tokens.length - 1].end : first.start);
    }
    // `{…} != null`, `[…][0]`: the value is an expression after all.
    const rest = this.rawTokens();
    const end = rest.length > 0 ? rest[rest.length - 1].end : (this.tokens[this.index - 1]?.end ?? first.end);
    return located(rest.length > 0 ? scalarNode(null, first.line, true) : value, first.start, end);
  }

  private nested<T>(read: () => T): T {
    this.nesting++;
    try {
      return read();
    } finally {
      this.nesting--;
    }
  }

  private isForExpression(ahead: number): boolean {
    let offset = ahead;
    while (this.peek(offset)?.type === 'newline') offset++;
    const token = this.peek(offset);
    return token?.type === 'ident' && token.text === 'for';
  }

  /** Tokens up to the end of the expression: a newline, `,`, or a closer at depth 0. */
  private rawTokens(): Token[] {
    const tokens: Token[] = [];
    let depth = 0;
    while (!this.done()) {
      const token = this.peek()!;
      if (
        depth === 0 &&
        (token.type === 'newline' ||
          this.isPunct(token, ',') ||
          this.isPunct(token, '}') ||
          this.isPunct(token, ']') ||
          this.isPunct(token, ')'))
      )
        break;
      if (token.type === 'punct' && CLOSERS[token.text]) depth++;
      else if (token.type === 'punct' && Object.values(CLOSERS).includes(token.text)) depth--;
      tokens.push(token);
      this.index++;
    }
    return tokens;
  }

  private object(): TreeMap {
    const open = this.tokens[this.index++];
    const map: TreeMap = { kind: 'map', entries: [], line: open.line };
    for (;;) {
      while (this.peek()?.type === 'newline' || this.isPunct(this.peek(), ',')) this.index++;
      const key = this.peek();
      if (!key) return map;
      if (this.isPunct(key, '}')) {
        this.index++;
        return map;
      }
      const separator = this.peek(1);
      if ((key.type === 'ident' || key.type === 'string') && (this.isPunct(separator, '=') || this.isPunct(separator, ':'))) {
        this.index += 2;
        map.entries.push({ key: key.text, keyLine: key.line, value: this.expression(), keyStart: key.start, keyEnd: key.end });
      } else {
        this.rawTokens();
        // Past the token that stopped the scan (never past the last token: ranges are read from the one before).
        const stop = this.peek();
        if (stop && !this.isPunct(stop, '}') && !this.isPunct(stop, ',') && stop.type !== 'newline') this.index++;
      }
    }
  }

  private list(): TreeList {
    const open = this.tokens[this.index++];
    const list: TreeList = { kind: 'list', items: [], line: open.line };
    for (;;) {
      while (this.peek()?.type === 'newline' || this.isPunct(this.peek(), ',')) this.index++;
      const token = this.peek();
      if (!token) return list;
      if (this.isPunct(token, ']')) {
        this.index++;
        return list;
      }
      const before = this.index;
      list.items.push(this.expression());
      if (this.index === before) this.index++;
    }
  }
}

/** The value with its source offsets [start, end). */
function located(value: TreeValue, start: number, end: number): TreeValue {
  value.start = start;
  value.end = end;
  return value;
}

function literal(tokens: Token[]): TreeValue | undefined {
  if (tokens.length === 2 && tokens[0].type === 'punct' && tokens[0].text === '-' && tokens[1].type === 'number') {
    return scalarNode(-Number(tokens[1].text), tokens[0].line);
  }
  if (tokens.length !== 1) return undefined;
  const [token] = tokens;
  if (token.type === 'string') return scalarNode(token.text, token.line, token.template === true);
  if (token.type === 'number') return scalarNode(Number(token.text), token.line);
  if (token.type === 'ident' && (token.text === 'true' || token.text === 'false')) return scalarNode(token.text === 'true', token.line);
  if (token.type === 'ident' && token.text === 'null') return scalarNode(null, token.line);
  return undefined;
}
