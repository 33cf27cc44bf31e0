import { memoizedByText } from '../memoizedByText';

/**
 * "Does this variable look like it holds a secret?" — one heuristic for every
 * file kind (Dockerfile ARG/ENV, compose `environment`, CI `variables`,
 * Kubernetes `env`), so a name is judged the same way everywhere.
 */

/** Single word parts that name a secret. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'CREDENTIALS']);
/** Two consecutive word parts that name a secret ("API_KEY", "apiKey", "PRIVATE-KEY"). */
const SECRET_PAIRS = [
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
] as const;
/**
 * A last word part that makes the name *about* a secret rather than the secret
 * itself: `PASSWORD_FILE` (Docker secrets convention), `SECRET_NAME`,
 * `TOKEN_URL`, `TOKEN_TTL`.
 */
const METADATA_SUFFIXES = new Set([
  'FILE',
  'FILENAME',
  'PATH',
  'DIR',
  'LOCATION',
  'NAME',
  'ID',
  'ARN',
  'REF',
  'URL',
  'URI',
  'ENDPOINT',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  // A duration in a unit (`TOKEN_EXPIRY_SECONDS`, `JWT_TOKEN_LIFETIME_MINUTES`), a place or a scheme: settings of the secret.
  'SECONDS',
  'SECS',
  'MS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'DURATION',
  'LIFETIME',
  'INTERVAL',
  'HOST',
  'PORT',
  'ALGORITHM',
  'ISSUER',
  'LENGTH',
  'SIZE',
  'ENABLED',
  'TYPE',
  'HEADER',
]);

/**
 * A cheap pre-check on raw text: every secret-like name contains one of these
 * (case-insensitively), so text without them needs no closer look.
 */
export function mayContainSecretLikeName(text: string): boolean {
  return /passw|secret|token|key|credentials/i.test(text);
}

/** Splits "DB_PASSWORD", "db-password", "dbPassword", "db.password" into upper-case word parts. */
export function nameWordParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toUpperCase());
}

/** True for names like DB_PASSWORD, GITHUB_TOKEN, stripeApiKey, AWS_SECRET_ACCESS_KEY (but not PASSWORD_FILE). */
export function isSecretLikeName(name: string): boolean {
  return secretLikeByName(name);
}

/** Asked of every variable of every service, container and step (the same few names again and again), and again on each edit: once per name. */
const secretLikeByName = memoizedByText(readSecretLikeName, 4096);

function readSecretLikeName(name: string): boolean {
  const parts = nameWordParts(name);
  if (parts.length === 0) return false;
  if (parts.length > 1 && METADATA_SUFFIXES.has(parts[parts.length - 1])) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  for (let i = 0; i + 1 < parts.length; i++) {
    if (SECRET_PAIRS.some(([first, second]) => parts[i] === first && parts[i + 1] === second)) return true;
  }
  return false;
}

/**
 * A value that is entirely a reference, resolved elsewhere: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${{ secrets.X }}` (GitHub Actions), `{{ .Values.x }}`.
 */
const REFERENCE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^{}]*\}|\$\{\{[^}]*\}\}|\{\{[^}]*\}\})$/;
/** Values that switch something on or off rather than being a secret (`USE_TOKEN=true`). */
const FLAG_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'none', '~']);

/**
 * Folders where secrets are mounted as files (Docker and Compose secrets, Kubernetes volumes, Vault agent):
 * a value naming a file there (`API_TOKEN=/run/secrets/api_token`) points at the secret, it is not one.
 */
const SECRET_MOUNTS = ['/run/secrets/', '/var/run/secrets/', '/vault/secrets/'];

/**
 * True when a value is a non-empty literal (not a variable or template reference, not a boolean, not a path to a
 * mounted secret, not a fill-in slot). A slot such as `<your-api-key>` holds no secret: the real one is not in the
 * file. A default such as `changeme` or `postgres` is different: it is what runs until someone changes it, and a
 * well-known default is as good as published, so it counts.
 */
export function isLiteralSecretValue(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const trimmed = value.trim();
  if (trimmed.length === 0) return false;
  if (REFERENCE.test(trimmed)) return false;
  if (SECRET_MOUNTS.some((folder) => trimmed.startsWith(folder))) return false;
  if (trimmed.length > 2 && trimmed.startsWith('<') && trimmed.endsWith('>')) return false;
  return !FLAG_VALUES.has(trimmed.toLowerCase());
}

/** A secret-like name with a literal value: what the "secret in config" rules report. */
export function isHardCodedSecret(name: string, value: string | null | undefined): boolean {
  return isSecretLikeName(name) && isLiteralSecretValue(value) && !isNamedPlaceholder(name, value!);
}

/**
 * A value that stands in for the secret rather than being one, substituted before the file is used:
 * it repeats the variable's own name (`GOOGLE_API_KEY: GOOGLE_API_KEY_VAL`, `api-key: <API_KEY>`) or asks
 * for it (`YOUR_API_KEY`, `your-token-here`). A default such as `changeme` is not one: it runs as it is.
 */
export function isNamedPlaceholder(name: string, value: string): boolean {
  const words = nameWordParts(value);
  if (words[0] === 'YOUR') return true;
  const nameWords = nameWordParts(name);
  if (nameWords.length === 0 || words.length < nameWords.length) return false;
  // The name itself, maybe followed by a marker word (`_VAL`, `_HERE`): `Password123` is a password, not a slot.
  const rest = words.slice(nameWords.length);
  return nameWords.every((word, index) => words[index] === word) && rest.every((word) => PLACEHOLDER_WORDS.has(word));
}

/** Words that follow a variable's name in a placeholder (`GOOGLE_API_KEY_VAL`, `API_TOKEN_HERE`). */
const PLACEHOLDER_WORDS = new Set(['VAL', 'VALUE', 'HERE', 'PLACEHOLDER']);
