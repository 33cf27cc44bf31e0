import { wrap } from '../terminal';

/**
 * A message wrapped into the column that starts after a fixed prefix (such as
 * "  12:3  warning  "), with a tail (the rule id) two spaces after its last
 * word when it fits there, else on a line of its own in the same column —
 * the id is never broken, the message never runs past `width`. Returns the
 * lines without the prefix; continuation lines are meant to be indented by
 * the prefix's width.
 */
export function messageColumn(prefixWidth: number, message: string, tail: string, width: number): string[] {
  const available = Math.max(20, width - prefixWidth);
  const lines = wrap(message, available);
  const last = lines[lines.length - 1];
  if (tail === '') return lines;
  if (last === '') lines[lines.length - 1] = tail;
  else if (last.length + 2 + tail.length <= available) lines[lines.length - 1] = `${last}  ${tail}`;
  else lines.push(tail);
  return lines;
}

/** Joins a prefix and its wrapped column: continuation lines are indented to the column. */
export function withPrefix(prefix: string, prefixWidth: number, column: readonly string[]): string[] {
  const indent = ' '.repeat(prefixWidth);
  return column.map((line, index) => (index === 0 ? `${prefix}${line}` : `${indent}${line}`));
}
