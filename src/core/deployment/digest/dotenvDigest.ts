import type { DotenvDigest } from '../types';

/** Names whose values are credentials: never kept, whatever they hold. */
const SECRET_NAME = /(?:PASSWORD|PASSWD|SECRET|TOKEN|_KEY$|^KEY$|CREDENTIAL|PRIVATE)/i;

/**
 * The variables of a `.env` file Compose reads for interpolation (`KEY=value`, `export KEY=value`,
 * quoted values, `#` comments), kept only when they may name a path or an image: one word of at most
 * 256 characters, from a variable whose name does not say secret.
 */
export function dotenvDigest(path: string, text: string): DotenvDigest {
  const variables: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const assignment = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const equals = assignment.indexOf('=');
    if (equals <= 0) continue;
    const name = assignment.slice(0, equals).trim();
    if (!isVariableName(name) || SECRET_NAME.test(name)) continue;
    const value = unquoted(assignment.slice(equals + 1).trim());
    if (value === undefined || value.length > 256 || /\s/.test(value)) continue;
    variables[name] = value;
  }
  return { type: 'dotenv', path, variables };
}

function isVariableName(name: string): boolean {
  if (name.length === 0 || name.length > 128) return false;
  for (const char of name)
    if (!(char === '_' || (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9'))) return false;
  return !(name[0] >= '0' && name[0] <= '9');
}

/** The value without its quotes, or without a trailing ` # comment` when unquoted; undefined for an unclosed quote. */
function unquoted(value: string): string | undefined {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    return end < 0 ? undefined : value.slice(1, end);
  }
  const comment = value.indexOf(' #');
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

/**
 * A compose value with `${NAME}`, `${NAME:-default}`, `${NAME-default}` or `$NAME` substituted from the
 * variables, as Compose does; undefined when a variable is neither set nor defaulted (the value is unknown,
 * never guessed).
 */
export function interpolate(value: string, variables: Readonly<Record<string, string>>): string | undefined {
  let result = '';
  let i = 0;
  while (i < value.length) {
    const char = value[i];
    if (char !== '$') {
      result += char;
      i++;
      continue;
    }
    if (value[i + 1] === '$') {
      result += '$';
      i += 2;
      continue;
    }
    if (value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end < 0) return undefined;
      const body = value.slice(i + 2, end);
      const operator = body.search(/:?[-?+]/);
      const name = operator < 0 ? body : body.slice(0, operator);
      const set = Object.hasOwn(variables, name) ? variables[name] : undefined;
      let resolved: string | undefined = set;
      if (operator >= 0) {
        const colon = body[operator] === ':';
        const kind = body[operator + (colon ? 1 : 0)];
        const fallback = body.slice(operator + (colon ? 2 : 1));
        const empty = set === undefined || (colon && set === '');
        if (kind === '-') resolved = empty ? fallback : set;
        else if (kind === '+') resolved = empty ? '' : fallback;
      }
      if (resolved === undefined) return undefined;
      result += resolved;
      i = end + 1;
      continue;
    }
    let end = i + 1;
    while (end < value.length && /\w/.test(value[end])) end++;
    const name = value.slice(i + 1, end);
    if (name === '' || !Object.hasOwn(variables, name)) return undefined;
    result += variables[name];
    i = end;
  }
  return result;
}
