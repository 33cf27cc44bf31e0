/**
 * A small POSIX-shell scanner for every script Stage Guide reads: Dockerfile
 * RUN, CMD and ENTRYPOINT, and CI scripts (GitHub Actions `run:`, GitLab
 * `script:`). It yields words (with their unquoted value and exact offsets),
 * operators and comments. It is not a shell parser — it knows quoting,
 * escapes, `$(…)`/`${…}`/backticks and operators, which is what the rules and
 * the evidence need to find a command, a flag or a pipe without being fooled
 * by quotes.
 *
 * Offsets are offsets into the scanned text (the whole Dockerfile, or the
 * script), so findings and fixes map straight back to positions.
 */

export interface ShellWord {
  /** The word as the shell sees it after quote removal (expansions kept verbatim). */
  value: string;
  start: number;
  end: number;
  /** True when the word has no quotes, escapes or expansions: its source is its value. */
  plain: boolean;
  /** True when the word contains `$…` or backticks (its value is not known until run time). */
  expansion: boolean;
}

export interface ShellOperator {
  op: string;
  start: number;
  end: number;
}

export interface ShellCommentToken {
  /** The comment including its `#`. */
  text: string;
  start: number;
  end: number;
}

export type ShellToken = { kind: 'word'; word: ShellWord } | { kind: 'op'; operator: ShellOperator };

export interface ShellScan {
  tokens: ShellToken[];
  comments: ShellCommentToken[];
}

export interface ScanOptions {
  /**
   * The Dockerfile escape character when scanning instruction arguments: an
   * escape at the end of a line joins the next line, and comment or blank
   * lines inside such a continuation are dropped — as Docker does before the
   * shell ever sees the text. Undefined for heredoc scripts (plain shell).
   */
  dockerfileEscape?: string;
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '<', '>', '(', ')']);
const TWO_CHAR_OPERATORS = new Set(['&&', '||', ';;', '>>', '<<', '>&', '<&', '&>', '>|', '|&']);

/** Scans `text.slice(start, end)`. Never throws; unterminated quotes run to `end`. */
export function scanShell(text: string, start: number, end: number, options: ScanOptions = {}): ShellScan {
  return new Scanner(text, start, Math.min(end, text.length), options.dockerfileEscape).run();
}

class Scanner {
  private i: number;
  private readonly tokens: ShellToken[] = [];
  private readonly comments: ShellCommentToken[] = [];
  private word: { value: string; start: number; end: number; plain: boolean; expansion: boolean } | undefined;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly escape: string | undefined,
  ) {
    this.i = start;
  }

  run(): ShellScan {
    while (this.i < this.end) {
      if (this.skipContinuation()) continue;
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.finishWord();
        this.i++;
      } else if (c === '\n') {
        this.finishWord();
        this.tokens.push({ kind: 'op', operator: { op: '\n', start: this.i, end: this.i + 1 } });
        this.i++;
      } else if (c === '#' && !this.word) {
        this.readComment();
      } else if (OPERATOR_CHARS.has(c)) {
        this.readOperator();
      } else if (c === "'") {
        this.readSingleQuoted();
      } else if (c === '"') {
        this.readDoubleQuoted();
      } else if (c === '\\') {
        this.readEscaped();
      } else if (c === '$') {
        this.readDollar();
      } else if (c === '`') {
        this.readBackticks();
      } else {
        this.append(c, this.i, this.i + 1, true);
        this.i++;
      }
    }
    this.finishWord();
    return { tokens: this.tokens, comments: this.comments };
  }

  /**
   * A Dockerfile line continuation at `i` (escape, optional blanks, newline):
   * skipped together with the comment and blank lines that follow it.
   */
  private skipContinuation(): boolean {
    if (this.escape === undefined || this.text[this.i] !== this.escape) return false;
    let j = this.i + 1;
    while (j < this.end && (this.text[j] === ' ' || this.text[j] === '\t' || this.text[j] === '\r')) j++;
    if (j < this.end && this.text[j] !== '\n') return false;
    j++;
    for (;;) {
      let k = j;
      while (k < this.end && (this.text[k] === ' ' || this.text[k] === '\t' || this.text[k] === '\r')) k++;
      if (k < this.end && (this.text[k] === '#' || this.text[k] === '\n')) {
        const newline = this.text.indexOf('\n', k);
        j = newline === -1 || newline >= this.end ? this.end : newline + 1;
        continue;
      }
      break;
    }
    this.i = Math.min(j, this.end);
    return true;
  }

  private append(value: string, start: number, end: number, plain: boolean, expansion = false): void {
    if (!this.word) this.word = { value: '', start, end, plain: true, expansion: false };
    this.word.value += value;
    this.word.end = end;
    if (!plain) this.word.plain = false;
    if (expansion) this.word.expansion = true;
  }

  private finishWord(): void {
    if (!this.word) return;
    const { value, start, end, plain, expansion } = this.word;
    this.tokens.push({ kind: 'word', word: { value, start, end, plain, expansion } });
    this.word = undefined;
  }

  private readComment(): void {
    const start = this.i;
    while (this.i < this.end && this.text[this.i] !== '\n') this.i++;
    this.comments.push({ text: this.text.slice(start, this.i).replace(/\r$/, ''), start, end: this.i });
  }

  private readOperator(): void {
    // A file-descriptor number right before a redirection (`2>&1`) is part of the operator, not a word.
    const c = this.text[this.i];
    if ((c === '<' || c === '>') && this.word && /^[0-9]+$/.test(this.word.value) && this.word.plain) this.word = undefined;
    this.finishWord();
    const two = this.text.slice(this.i, this.i + 2);
    const op = this.i + 1 < this.end && TWO_CHAR_OPERATORS.has(two) ? two : c;
    this.tokens.push({ kind: 'op', operator: { op, start: this.i, end: this.i + op.length } });
    this.i += op.length;
  }

  private readSingleQuoted(): void {
    const start = this.i;
    const close = this.text.indexOf("'", this.i + 1);
    const stop = close === -1 || close >= this.end ? this.end : close + 1;
    const inner = this.text.slice(this.i + 1, close === -1 || close >= this.end ? this.end : close);
    this.append(inner, start, stop, false);
    this.i = stop;
  }

  private readDoubleQuoted(): void {
    const start = this.i;
    this.append('', start, start + 1, false);
    this.i++;
    while (this.i < this.end) {
      if (this.skipContinuation()) continue;
      const c = this.text[this.i];
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\' && this.i + 1 < this.end && '"\\$`'.includes(this.text[this.i + 1])) {
        this.append(this.text[this.i + 1], this.i, this.i + 2, false);
        this.i += 2;
      } else if (c === '$') {
        this.readDollar();
      } else if (c === '`') {
        this.readBackticks();
      } else {
        this.append(c, this.i, this.i + 1, false);
        this.i++;
      }
    }
    if (this.word) this.word.end = this.i;
  }

  private readEscaped(): void {
    const start = this.i;
    if (this.i + 1 >= this.end) {
      this.append('\\', start, this.i + 1, false);
      this.i++;
      return;
    }
    const next = this.text[this.i + 1];
    if (next === '\n') {
      // Shell line continuation (heredoc scripts): joins the lines.
      this.i += 2;
      return;
    }
    this.append(next, start, this.i + 2, false);
    this.i += 2;
  }

  private readDollar(): void {
    const start = this.i;
    const next = this.text[this.i + 1];
    let stop: number;
    if (next === '(') stop = this.matchClosing(this.i + 1, '(', ')');
    else if (next === '{') stop = this.matchClosing(this.i + 1, '{', '}');
    else {
      stop = this.i + 1;
      while (stop < this.end && /[A-Za-z0-9_]/.test(this.text[stop])) stop++;
      if (stop === this.i + 1 && stop < this.end && /[@*#?$!0-9-]/.test(this.text[stop])) stop++;
    }
    this.append(this.text.slice(start, stop), start, stop, false, stop > start + 1);
    this.i = stop;
  }

  private readBackticks(): void {
    const start = this.i;
    const close = this.text.indexOf('`', this.i + 1);
    const stop = close === -1 || close >= this.end ? this.end : close + 1;
    this.append(this.text.slice(start, stop), start, stop, false, true);
    this.i = stop;
  }

  /** Offset after the bracket matching the one at `open` (nesting counted, quotes skipped). */
  private matchClosing(open: number, opening: string, closing: string): number {
    let depth = 0;
    let j = open;
    while (j < this.end) {
      const c = this.text[j];
      if (c === "'" || c === '"') {
        const close = this.text.indexOf(c, j + 1);
        j = close === -1 || close >= this.end ? this.end : close + 1;
        continue;
      }
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === opening) depth++;
      else if (c === closing) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return this.end;
  }
}
