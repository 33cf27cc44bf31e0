import { MAX_READ_BYTES, posixDirname, posixRelative, readFailure } from '../fileSystem';
import type { CoreFileSystem, FileRead } from '../fileSystem';

/** A read that must stay inside a root: FileRead, or refused because the real path leaves the root. */
export type ContainedRead = FileRead | { status: 'outside' };

/**
 * Reads a file only when its real path (every symbolic link resolved) lies inside `root`'s real
 * path: the one decision for a team matrix named by `matrix:` (`../../../etc/shadow`, an absolute
 * path, a link out of the repository) and for a `.stage.yml`, whose text ends up in problem
 * messages and CI logs. Then the guarded read applies: a regular file within the size cap.
 */
export async function readContained(fs: CoreFileSystem, path: string, root: string, maxBytes = MAX_READ_BYTES): Promise<ContainedRead> {
  const facts = await fs.stat(path);
  if (!facts) return { status: 'missing' };
  const [real, realRoot] = await Promise.all([fs.realPath(path), fs.realPath(root)]);
  if (real === undefined) return { status: 'missing' };
  if (posixRelative(realRoot ?? root, real) === undefined) return { status: 'outside' };
  return fs.readFile(path, maxBytes);
}

/**
 * Where a write may go: a regular file (not a link) whose real path is inside `root`, or a new file
 * in a folder whose real path is; else why not (a phrase after the file's name).
 */
export async function writeRefusal(fs: CoreFileSystem, path: string, root: string): Promise<string | undefined> {
  const facts = await fs.stat(path);
  if (!facts) {
    const [realDir, realRoot] = await Promise.all([fs.realPath(posixDirname(path)), fs.realPath(root)]);
    if (realDir === undefined || posixRelative(realRoot ?? root, realDir) === undefined)
      return 'would be outside the repository (its folder leads out); Stage Guide only writes files inside it';
    return undefined;
  }
  if (facts.symlink) return 'is a symbolic link; Stage Guide only writes a regular file inside the repository';
  if (facts.kind !== 'file') return readFailure({ status: 'not-a-file', kind: facts.kind });
  const [real, realRoot] = await Promise.all([fs.realPath(path), fs.realPath(root)]);
  if (real === undefined || posixRelative(realRoot ?? root, real) === undefined)
    return 'is outside the repository; Stage Guide only writes files inside it';
  return undefined;
}

/** Why a contained read found no text, as a phrase after the file's name. Never the file's content. */
export function containedFailure(read: Exclude<ContainedRead, { status: 'ok' }>): string {
  if (read.status === 'outside') return 'is outside the repository (symbolic links followed); only files inside it are read';
  return readFailure(read);
}
