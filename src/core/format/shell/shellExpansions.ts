/**
 * The variables a shell word expands, read from its source text: `$NAME`,
 * `${NAME}`, `${NAME:-x}`, inside double quotes or unquoted — not inside single
 * quotes, and not after a backslash, where `$` is a plain character. The word
 * comes from the shell scanner (shellScanner.ts), so its boundaries are the
 * shell's; this only looks inside one word.
 */
export interface WordExpansion {
  name: string;
  /** Offset of the `$` in the word's source. */
  index: number;
  /** True when the expansion is inside double quotes (no word splitting or globbing). */
  quoted: boolean;
}

export function wordExpansions(source: string): WordExpansion[] {
  const found: WordExpansion[] = [];
  let double = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (char === "'" && !double) {
      const close = source.indexOf("'", i + 1);
      if (close < 0) break;
      i = close;
    } else if (char === '"') {
      double = !double;
    } else if (char === '$') {
      let j = i + 1;
      if (source[j] === '{') j++;
      const from = j;
      while (j < source.length && isNameChar(source[j], j === from)) j++;
      if (j > from) found.push({ name: source.slice(from, j), index: i, quoted: double });
    }
  }
  return found;
}

function isNameChar(char: string, first: boolean): boolean {
  const code = char.charCodeAt(0);
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || char === '_';
  return letter || (!first && code >= 48 && code <= 57);
}
