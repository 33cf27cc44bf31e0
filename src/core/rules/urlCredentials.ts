import { isLiteralSecretValue } from './secretLike';

/**
 * "Does this value carry a password inside a URL?" — `postgres://app:s3cret@db:5432/shop`,
 * `amqp://guest:guest@rabbitmq`, `https://user:token@git.example.com/repo.git`. One reading for every
 * file kind (Kubernetes `env`, compose `environment`, CI variables), so a URL is judged the same way everywhere.
 * Read by hand rather than with a URL parser: values are often not valid URLs (`mongodb://u:p@h1,h2/db`,
 * schemes `new URL` rejects) and the password must be found even then.
 */
export interface UrlCredentials {
  scheme: string;
  user: string;
  password: string;
  /** Offset of the password within the value (for a range or a masked message). */
  passwordStart: number;
}

/** Characters that end a URL's authority (`user:pw@host:port`). */
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'", ';']);

/** The first `scheme://user:password@host` in the value whose password is a literal (not a reference or a fill-in slot). */
export function credentialsInUrl(value: string): UrlCredentials | undefined {
  let from = 0;
  for (;;) {
    const separator = value.indexOf('://', from);
    if (separator < 0) return undefined;
    from = separator + 3;
    const scheme = schemeBefore(value, separator);
    if (!scheme) continue;
    let end = from;
    while (end < value.length && !AUTHORITY_END.has(value[end])) end++;
    const authority = value.slice(from, end);
    // The last `@`: a password with an unescaped `@` (`p@ss@host`) is still read whole.
    const at = authority.lastIndexOf('@');
    const colon = at < 0 ? -1 : authority.indexOf(':');
    if (colon < 0 || colon > at) continue;
    const user = authority.slice(0, colon);
    const password = authority.slice(colon + 1, at);
    if (isLiteralPassword(password)) return { scheme, user, password, passwordStart: from + colon + 1 };
  }
}

/** The URL scheme ending at `separator` (letters, digits, `+ - .`, starting with a letter), or undefined. */
function schemeBefore(value: string, separator: number): string | undefined {
  let start = separator;
  while (start > 0 && isSchemeChar(value[start - 1])) start--;
  const scheme = value.slice(start, separator);
  return scheme.length > 0 && isLetter(scheme[0]) ? scheme : undefined;
}

function isLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

function isSchemeChar(char: string): boolean {
  return isLetter(char) || (char >= '0' && char <= '9') || char === '+' || char === '-' || char === '.';
}

/**
 * A password that is written in the file: not empty, not a reference resolved elsewhere (`${DB_PASSWORD}`,
 * `$(DB_PASSWORD)` as Kubernetes expands it, `{{ .Values.password }}`, `%s` filled in by code) and not a
 * fill-in slot (`<password>`) — see secretLike.
 */
function isLiteralPassword(password: string): boolean {
  if (!isLiteralSecretValue(password)) return false;
  return !['$', '{{', '%s'].some((marker) => password.includes(marker));
}
