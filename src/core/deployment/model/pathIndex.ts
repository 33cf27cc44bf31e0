import { posixDirname } from '../../fileSystem';

/**
 * "The first entry whose path is this file or a folder above it" without scanning every entry: the model asks it
 * for every finding of every copy of a workload (which `kubectl apply -n`, which GitOps destination deploys a file),
 * and a large workspace has thousands of files and hundreds of entries.
 */

/** The position of the first entry of each path (entries without one are left out). */
export function indexFirstByPath<T>(entries: readonly T[], pathOf: (entry: T) => string | undefined): Map<string, number> {
  const index = new Map<string, number>();
  entries.forEach((entry, at) => {
    const path = pathOf(entry);
    if (path !== undefined && !index.has(path)) index.set(path, at);
  });
  return index;
}

/**
 * The lowest position among the entries at `path` itself or at a folder above it — what
 * `entries.findIndex((entry) => path === entry.path || path.startsWith(`${entry.path}/`))` finds. `/` matches only
 * itself, as there (`//` starts no path).
 */
export function firstAtOrAbove(index: ReadonlyMap<string, number>, path: string): number | undefined {
  let first: number | undefined;
  for (let place = path; ; place = posixDirname(place)) {
    const at = index.get(place);
    if (at !== undefined && (first === undefined || at < first)) first = at;
    if (posixDirname(place) === '/' || place === '/') break;
  }
  return first;
}
