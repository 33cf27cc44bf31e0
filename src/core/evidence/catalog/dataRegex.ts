const cache = new Map<string, RegExp>();

/**
 * A regular expression written in data/signals.yml. A leading "(?i)" asks for
 * case-insensitive matching (JavaScript has no inline flags; config authors
 * know the syntax from most other tools).
 */
export function dataRegex(source: string): RegExp {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
    cache.set(source, compiled);
  }
  return compiled;
}
