/**
 * Line-level helpers for the text readers, written as scans rather than
 * regular expressions: each of these once was a regex that backtracks
 * polynomially on a long line (`(^|\s)#.*$` over a line of "\t#" pairs, the
 * ATX heading regex over a line of tabs), and a repository's file may hold
 * lines of a megabyte.
 */

/** The line without a `#` comment (the first "#" at the start or after whitespace, with that whitespace character), as `line.replace(/(^|\s)#.*$/, '')` did. */
export function withoutHashComment(line: string): string {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
    if (i === 0) return '';
    if (isWhitespace(line[i - 1])) return line.slice(0, i - 1);
  }
  return line;
}

/**
 * The text of a Markdown ATX heading (`## Deploy ##`): up to three spaces,
 * one to six "#", whitespace, the text; a closing run of "#" and surrounding
 * whitespace are not part of it. Undefined when the line is no such heading.
 */
export function atxHeadingText(line: string): string | undefined {
  let i = 0;
  while (i < 3 && i < line.length && isWhitespace(line[i])) i++;
  let hashes = 0;
  while (line[i + hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 6) return undefined;
  i += hashes;
  if (i >= line.length || !isWhitespace(line[i])) return undefined;
  let text = line.slice(i).trim();
  // A closing sequence: trailing "#"s (then whitespace) after the text; "#" alone stays as the text.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end > 0 && end < text.length) text = text.slice(0, end).trimEnd();
  return text === '' ? undefined : text;
}

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\f' || char === '\v' || char === '\r' || char === '\n';
}
