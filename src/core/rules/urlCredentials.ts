/**
 * Credentials inside URLs (`postgres://app:s3cret@db:5432/app`,
 * `amqp://guest:guest@rabbit`): the password is a literal secret whatever the
 * variable is called (`DATABASE_URL` names no secret). Shared by every file
 * kind that reads environment values, beside the name-based heuristic of
 * secretLike.ts, whose reference test it reuses: `postgres://app:${DB_PASSWORD}@db`
 * holds no secret.
 */
import { isLiteralSecretValue } from './secretLike';

export interface UrlCredentials {
  /** The URL's scheme, lower-case: "postgres", "redis", "https". */
  scheme: string;
  user: string;
  /** Offset of the password in the searched value, and its length (for ranges that show only it). */
  passwordStart: number;
  passwordLength: number;
}

/** Passwords that are documentation, not secrets: `<password>`, `[PASSWORD]`, `***`, `...`. */
const PLACEHOLDER_PASSWORD = /^(?:<[^<>]*>|\[[^[\]]*\]|\*+|\.{3}|x{3,})$/i;

/** Every URL in `value` whose user info carries a literal, non-placeholder password. */
export function literalUrlCredentials(value: string): UrlCredentials[] {
  const found: UrlCredentials[] = [];
  for (let separator = value.indexOf('://'); separator !== -1; separator = value.indexOf('://', separator + 3)) {
    const scheme = schemeBefore(value, separator);
    if (scheme === undefined) continue;
    const authorityStart = separator + 3;
    const authorityEnd = endOfAuthority(value, authorityStart);
    const at = value.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) continue;
    const userInfo = value.slice(authorityStart, at);
    const colon = userInfo.indexOf(':');
    if (colon === -1) continue;
    const password = userInfo.slice(colon + 1);
    // Any `$` means interpolation (`${DB_PASSWORD}`, `$DB_PASSWORD`, `$${…}` partly): not a literal.
    if (password.includes('$') || password.includes('{{') || !isLiteralSecretValue(password) || PLACEHOLDER_PASSWORD.test(password))
      continue;
    found.push({ scheme, user: userInfo.slice(0, colon), passwordStart: authorityStart + colon + 1, passwordLength: password.length });
  }
  return found;
}

/** The scheme ending at `separator` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`), or undefined. */
function schemeBefore(value: string, separator: number): string | undefined {
  let start = separator;
  while (start > 0 && /[A-Za-z0-9+.-]/.test(value[start - 1])) start--;
  while (start < separator && !/[A-Za-z]/.test(value[start])) start++;
  return start < separator ? value.slice(start, separator).toLowerCase() : undefined;
}

/** The authority ends at the first `/`, `?`, `#` or whitespace (a password with those must be percent-encoded). */
function endOfAuthority(value: string, start: number): number {
  let end = start;
  while (end < value.length && !'/?# \t\n\'"'.includes(value[end])) end++;
  return end;
}
