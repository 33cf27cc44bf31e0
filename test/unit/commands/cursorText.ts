// Test helper: a YAML text with "|" marking the cursor.

export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`mark exactly one cursor with "|": ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
