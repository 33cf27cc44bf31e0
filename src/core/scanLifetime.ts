/**
 * What scans keep for one another only while one runs. A scan shares the parse of a copied file between its copies,
 * and the commands of a script between the rules and digests that read it (module-level memories: the scopes of a
 * workspace and the file workers' jobs all reach them). Between scans nothing needs them, yet an editor lives on:
 * the scan worker kept 7.6 MB of parses and 4 MB of memos from one scan to the next on a tree of real repositories
 * (issue 13). So each such memory says how it forgets (`forgottenWhenScansEnd`), each scan runs `whileScanning`, and
 * when the last scan under way ends (scans may nest: an assessment of a workspace scans its services), every
 * memory forgets.
 */
const forgetters = new Set<() => void>();
let running = 0;

/** Registers how a module-level memory forgets what it holds (call once per memory, at module load). */
export function forgottenWhenScansEnd(forget: () => void): void {
  forgetters.add(forget);
}

/** Runs a scan; when no other scan is under way once it ends (or throws), the registered memories forget. */
export async function whileScanning<T>(scan: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await scan();
  } finally {
    running--;
    if (running === 0) for (const forget of forgetters) forget();
  }
}
