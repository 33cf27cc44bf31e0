/** Hostile YAML inputs shared by the parser tests and the CLI's hostile-repository suite. */

/** Issue 10's reproduction: 10 anchors of 9 aliases each, 9^10 nodes once expanded (a few hundred bytes). */
export function aliasBomb(prefix = ''): string {
  const lines = [`${prefix}a0: &a0 [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** The same bomb written as JSON-looking YAML (package.json, openapi.json are read with the YAML parser). */
export function jsonAliasBomb(): string {
  const entries = ['"name": "x"', '"a0": &a0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) entries.push(`"a${i}": &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `{${entries.join(',\n')}}\n`;
}
