import { readShippedData } from '../../shippedData';

/** data/github-actions-deprecated.yml, read once. */
export interface DeprecatedActionTable {
  /** "2026-12": the date the table was reviewed, quoted in messages. */
  asOf: string;
  /** `owner/name` (or `owner/*`) → what to use instead. */
  archived: ReadonlyMap<string, string>;
  /** `owner/name` → its retired majors. */
  versions: ReadonlyMap<string, ReadonlyArray<{ majors: readonly string[]; reason: string; instead: string }>>;
}

let cached: DeprecatedActionTable | undefined;

export function deprecatedActionTable(): DeprecatedActionTable {
  if (cached) return cached;
  const raw = readShippedData('github-actions-deprecated.yml') as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new Error(`data/github-actions-deprecated.yml: ${what}`);
  };
  const asOf = typeof raw.asOf === 'string' ? raw.asOf : fail('asOf must be a string');
  const archived = new Map<string, string>();
  for (const [name, entry] of Object.entries((raw.archived ?? {}) as Record<string, { instead?: unknown }>)) {
    archived.set(name.toLowerCase(), typeof entry?.instead === 'string' ? entry.instead : fail(`archived.${name}.instead`));
  }
  const versions = new Map<string, Array<{ majors: string[]; reason: string; instead: string }>>();
  for (const [name, entries] of Object.entries((raw.versions ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(entries)) fail(`versions.${name} must be a list`);
    versions.set(
      name.toLowerCase(),
      (entries as Array<Record<string, unknown>>).map((entry) => ({
        majors: Array.isArray(entry.majors) ? entry.majors.map(String) : fail(`versions.${name}.majors`),
        reason: typeof entry.reason === 'string' ? entry.reason : fail(`versions.${name}.reason`),
        instead: typeof entry.instead === 'string' ? entry.instead : fail(`versions.${name}.instead`),
      })),
    );
  }
  cached = { asOf, archived, versions };
  return cached;
}
