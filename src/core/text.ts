import { LineCounter } from 'yaml';

/** Zero-based line and character, like LSP and VS Code positions. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A parse problem of the analysed file itself (e.g. invalid YAML): reported, never thrown. */
export interface ParseProblem {
  range: Range;
  message: string;
}

/** A minimal text edit on a document, in zero-based positions. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Converts offsets to positions for one text. Line starts always come from
 * the text itself, never from the LineCounter a YAML parse used: that counter
 * only records the line breaks its lexer reached and misses some after a
 * syntax error (`**\nstage\r\n"`), which would put positions past a line's end.
 */
export class PositionMapper {
  readonly lineCounter: LineCounter;
  constructor(readonly text: string) {
    this.lineCounter = new LineCounter();
    this.lineCounter.addNewLine(0);
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1))
      this.lineCounter.addNewLine(newline + 1);
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (what `lineCounter.linePos` answers, one-based, through an
    // object of its own): every finding, fix and hover anchor asks for two of these.
    const starts = this.lineCounter.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle] <= clamped) low = middle + 1;
      else high = middle;
    }
    return { line: low - 1, character: clamped - starts[low - 1] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  offset(position: Position): number {
    const starts = this.lineCounter.lineStarts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    return Math.min(starts[position.line] + position.character, this.text.length);
  }
}

export function rangeOf(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** Applies non-overlapping edits to a text (used by the CLI and tests; the editor applies WorkspaceEdits). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const mapper = new PositionMapper(text);
  const withOffsets = edits
    .map((edit) => ({ start: mapper.offset(edit.range.start), end: mapper.offset(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of withOffsets) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/**
 * The text without its trailing run of `char` (`/\n+$/` without the regex: a
 * scan from the end, where the regex retries every run of `char` inside a
 * long text and backtracks polynomially).
 */
export function withoutTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
