/**
 * Terminal output: colour only on a TTY and never with NO_COLOR
 * (https://no-color.org), and text wrapped for an 80-column terminal.
 */
export interface Terminal {
  out(line?: string): void;
  err(line?: string): void;
  color: boolean;
  width: number;
  isTTY: boolean;
  /**
   * Writes a transient status line (raw text, no newline): present only when stderr is a
   * terminal, so CI logs, pipes and an in-process caller's capture never receive it.
   */
  status?(text: string): void;
}

export function processTerminal(): Terminal {
  const isTTY = Boolean(process.stdout.isTTY);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (line = '') => process.stdout.write(`${line}\n`),
    err: (line = '') => process.stderr.write(`${line}\n`),
    color: isTTY && !noColor && process.env.TERM !== 'dumb',
    width: terminalWidth(process.stdout.columns, process.env.COLUMNS),
    isTTY,
    status: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
  };
}

/**
 * The width reports are laid out for: `COLUMNS` when set (so a pipe or a CI log can ask
 * for a width), else the terminal's, else 80; never wider than 100, where long lines stop
 * being readable, nor narrower than 40.
 */
export function terminalWidth(columns: number | undefined, columnsVariable: string | undefined): number {
  const fromVariable = /^\d+$/.test(columnsVariable ?? '') ? Number(columnsVariable) : 0;
  const width = fromVariable || columns || 80;
  return Math.max(40, Math.min(width, 100));
}

/**
 * File text made safe to print: C0/C1 control characters (ESC, CR, newline …), DEL and the
 * bidirectional overrides become visible escapes (`\x1b`, `\n`, `\u202e`), so a file
 * name or a quoted line cannot recolour the terminal, move the cursor or forge a line.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39], blue: [34, 39] } as const;
export type Style = keyof typeof CODES;

export function paint(term: Terminal, style: Style, text: string): string {
  if (!term.color) return text;
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Greedy word wrap; `indent` prefixes every line, `hanging` the continuation lines. */
export function wrap(text: string, width: number, indent = '', hanging = indent): string[] {
  const lines: string[] = [];
  let line = indent;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = lineHasWord ? `${line} ${word}` : `${line}${word}`;
    if (lineHasWord && candidate.length > width) {
      lines.push(line);
      line = `${hanging}${word}`;
    } else {
      line = candidate;
    }
    lineHasWord = true;
  }
  lines.push(line);
  return lines;
}
