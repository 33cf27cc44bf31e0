/**
 * The files' paths as a set, made with event-loop turns between slices when a time budget is given (a large
 * repository's own scope lists tens of thousands of files).
 */
export async function pathSet(
  files: ReadonlyArray<{ path: string }>,
  slicer?: { maybeYield(): Promise<void> },
  /** A set to add them to (the paths of several lists in one set). */
  paths = new Set<string>(),
): Promise<Set<string>> {
  for (let index = 0; index < files.length; index++) {
    if ((index & 4095) === 4095) await slicer?.maybeYield();
    paths.add(files[index].path);
  }
  return paths;
}
