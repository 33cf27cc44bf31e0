import { readShippedData } from '../../shippedData';

/** An apiVersion the API server no longer serves for a kind (data/kubernetes-apis.yml). */
export interface RemovedApi {
  apiVersion: string;
  kind: string;
  removedIn: string;
  /** The apiVersion to use instead; undefined when the API is gone (PodSecurityPolicy). */
  replacement?: string;
  /** Changing `apiVersion:` is the whole migration. */
  sameSchema: boolean;
}

export interface RemovedApiTable {
  asOf: string;
  /** Keyed by `apiVersion kind`. */
  byVersionAndKind: ReadonlyMap<string, RemovedApi>;
}

let cached: RemovedApiTable | undefined;

/** data/kubernetes-apis.yml, read once and checked (a malformed entry fails loudly, not silently). */
export function removedApis(): RemovedApiTable {
  if (cached) return cached;
  const raw = readShippedData('kubernetes-apis.yml') as { asOf?: unknown; removed?: unknown };
  if (typeof raw.asOf !== 'string' || !Array.isArray(raw.removed))
    throw new Error('data/kubernetes-apis.yml: asOf and removed are required');
  const byVersionAndKind = new Map<string, RemovedApi>();
  for (const entry of raw.removed as Array<Record<string, unknown>>) {
    const { apiVersion, kinds, removedIn, replacement, sameSchema } = entry;
    if (typeof apiVersion !== 'string' || !Array.isArray(kinds) || typeof removedIn !== 'string' || typeof replacement !== 'string')
      throw new Error(`data/kubernetes-apis.yml: malformed entry ${JSON.stringify(entry)}`);
    for (const kind of kinds as string[]) {
      const api: RemovedApi = { apiVersion, kind, removedIn, sameSchema: sameSchema === true };
      if (replacement !== 'none') api.replacement = replacement;
      byVersionAndKind.set(`${apiVersion} ${kind}`, api);
    }
  }
  cached = { asOf: raw.asOf, byVersionAndKind };
  return cached;
}
