import { scalarNode } from './locatedTree';
import type { TreeList, TreeMap, TreeValue } from './locatedTree';

/**
 * A small, tolerant TOML reader (pyproject.toml, Cargo.toml, fly.toml,
 * wrangler.toml): tables, arrays of tables, dotted keys, strings of all four
 * kinds, numbers, booleans, dates (kept as text), arrays and inline tables.
 * A line it cannot read is skipped, never thrown on: evidence is best effort,
 * a bad manifest must not stop a scan.
 */
export function tomlTree(text: string): TreeMap {
  const root: TreeMap = { kind: 'map', entries: [], line: 0 };
  const reader = new TomlCursor(text);
  let table = root;
  while (!reader.done()) {
    reader.skipBlank();
    if (reader.done()) break;
    const line = reader.line;
    try {
      if (reader.peek() === '[') {
        const isArray = reader.peek(1) === '[';
        reader.advance(isArray ? 2 : 1);
        const path = reader.readKeyPath();
        reader.skipSpaces();
        reader.expect(isArray ? ']]' : ']');
        table = isArray ? appendArrayTable(root, path, line) : ensureTable(root, path, line);
      } else {
        const path = reader.readKeyPath();
        reader.skipSpaces();
        reader.expect('=');
        reader.skipSpaces();
        const value = reader.readValue();
        setValue(table, path, value, line);
      }
      reader.skipSpaces();
      if (reader.peek() === '#') reader.skipToLineEnd();
      if (!reader.atLineEnd()) throw new Error('trailing text');
    } catch {
      reader.skipToLineEnd();
    }
  }
  return root;
}

function ensureTable(root: TreeMap, path: string[], line: number): TreeMap {
  let current = root;
  for (const key of path) {
    const existing = current.entries.find((entry) => entry.key === key);
    if (existing?.value.kind === 'map') {
      current = existing.value;
    } else if (existing?.value.kind === 'list') {
      // [a.b] after [[a]]: b belongs to the last element of the array of tables.
      const last = existing.value.items[existing.value.items.length - 1];
      if (last?.kind !== 'map') throw new Error('not a table');
      current = last;
    } else {
      const table: TreeMap = { kind: 'map', entries: [], line };
      current.entries.push({ key, keyLine: line, value: table });
      current = table;
    }
  }
  return current;
}

function appendArrayTable(root: TreeMap, path: string[], line: number): TreeMap {
  const parent = ensureTable(root, path.slice(0, -1), line);
  const key = path[path.length - 1];
  let list = parent.entries.find((entry) => entry.key === key)?.value as TreeList | undefined;
  if (!list || list.kind !== 'list') {
    list = { kind: 'list', items: [], line };
    parent.entries.push({ key, keyLine: line, value: list });
  }
  const table: TreeMap = { kind: 'map', entries: [], line };
  list.items.push(table);
  return table;
}

function setValue(table: TreeMap, path: string[], value: TreeValue, line: number): void {
  const parent = ensureTable(table, path.slice(0, -1), line);
  parent.entries.push({ key: path[path.length - 1], keyLine: line, value });
}

class TomlCursor {
  private offset = 0;
  line = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.offset >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text[this.offset + ahead] ?? '';
  }

  advance(count = 1): void {
    for (let i = 0; i < count && this.offset < this.text.length; i++) {
      if (this.text[this.offset] === '\n') this.line++;
      this.offset++;
    }
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.advance();
  }

  /** Spaces, newlines and comments between statements (and inside arrays). */
  skipBlank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.advance();
      else if (c === '#') this.skipToLineEnd();
      else return;
    }
  }

  atLineEnd(): boolean {
    const c = this.peek();
    return c === '' || c === '\n' || (c === '\r' && this.peek(1) === '\n');
  }

  skipToLineEnd(): void {
    while (!this.done() && this.peek() !== '\n') this.advance();
  }

  expect(token: string): void {
    if (!this.text.startsWith(token, this.offset)) throw new Error(`expected ${token}`);
    this.advance(token.length);
  }

  readKeyPath(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '"' || c === "'") keys.push(this.readSingleLineString(c));
      else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.offset, this.offset + 256));
        if (!match) throw new Error('expected key');
        keys.push(match[0]);
        this.advance(match[0].length);
      }
      this.skipSpaces();
      if (this.peek() !== '.') return keys;
      this.advance();
    }
  }

  readValue(): TreeValue {
    const line = this.line;
    const c = this.peek();
    if (c === '"' || c === "'") {
      if (this.text.startsWith(c.repeat(3), this.offset)) return scalarNode(this.readMultilineString(c), line);
      return scalarNode(this.readSingleLineString(c), line);
    }
    if (c === '[') return this.readArray();
    if (c === '{') return this.readInlineTable();
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.offset, this.offset + 256));
    if (!match) throw new Error('expected value');
    this.advance(match[0].length);
    // A date-time may hold one space ("1979-05-27 07:32:00"): read its time part too.
    let word = match[0];
    const time = /^ \d{2}:\d{2}/.test(this.text.slice(this.offset, this.offset + 6)) && /^\d{4}-\d{2}-\d{2}$/.test(word);
    if (time) {
      const rest = /^ [^\s,\]}#]+/.exec(this.text.slice(this.offset, this.offset + 64))!;
      word += rest[0];
      this.advance(rest[0].length);
    }
    if (word === 'true' || word === 'false') return scalarNode(word === 'true', line);
    const numeric = word.replace(/_/g, '');
    if (/^[+-]?(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+)$/.test(numeric)) return scalarNode(Number(numeric), line);
    return scalarNode(word, line);
  }

  private readArray(): TreeList {
    const list: TreeList = { kind: 'list', items: [], line: this.line };
    this.advance();
    for (;;) {
      this.skipBlank();
      if (this.peek() === ']') {
        this.advance();
        return list;
      }
      if (this.done()) throw new Error('unterminated array');
      list.items.push(this.readValue());
      this.skipBlank();
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== ']') throw new Error('expected , or ]');
    }
  }

  private readInlineTable(): TreeMap {
    const table: TreeMap = { kind: 'map', entries: [], line: this.line };
    this.advance();
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '}') {
        this.advance();
        return table;
      }
      const line = this.line;
      const path = this.readKeyPath();
      this.skipSpaces();
      this.expect('=');
      this.skipSpaces();
      setValue(table, path, this.readValue(), line);
      this.skipSpaces();
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== '}') throw new Error('expected , or }');
    }
  }

  private readSingleLineString(quote: string): string {
    this.advance();
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || c === '\n') throw new Error('unterminated string');
      this.advance();
      if (c === quote) return out;
      if (c === '\\' && quote === '"') {
        const escaped = this.peek();
        this.advance();
        out += ESCAPES[escaped] ?? escaped;
      } else {
        out += c;
      }
    }
  }

  private readMultilineString(quote: string): string {
    const delimiter = quote.repeat(3);
    this.advance(3);
    if (this.peek() === '\n') this.advance();
    else if (this.peek() === '\r' && this.peek(1) === '\n') this.advance(2);
    const end = this.text.indexOf(delimiter, this.offset);
    if (end < 0) throw new Error('unterminated string');
    const body = this.text.slice(this.offset, end);
    this.advance(end - this.offset + 3);
    return body;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
