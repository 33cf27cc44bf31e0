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
}

export function processTerminal(): Terminal {
  const isTTY = Boolean(process.stdout.isTTY);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (line = '') => process.stdout.write(`${line}\n`),
    err: (line = '') => process.stderr.write(`${line}\n`),
    color: isTTY && !noColor && process.env.TERM !== 'dumb',
    width: Math.max(40, Math.min(process.stdout.columns || 80, 100)),
    isTTY,
  };
}

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
