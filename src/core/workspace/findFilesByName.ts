import type { CoreFileSystem } from '../fileSystem';
import { isCancelled, TimeSlicer } from '../evidence/scan/cancellation';
import type { Cancellation } from '../evidence/scan/cancellation';
import { NEVER_DESCEND } from '../evidence/scan/neverDescend';

export interface FindByNameOptions {
  /** Whether a file is wanted, by its name alone (never by content). */
  wants(name: string): boolean;
  /** Stop once this many files are found. */
  maxFiles: number;
  /**
   * Stop after listing this many folders. Symbolic links are never followed (the file systems
   * report them as 'other'), so a walk ends anyway; this bounds one on a file system whose
   * folders loop without links (a bind mount of a parent, say).
   */
  maxFolders?: number;
  /** Directory reads in flight at once (the walk is I/O bound). */
  concurrency?: number;
  cancellation?: Cancellation;
}

export interface FoundFiles {
  /** Absolute paths, sorted. */
  files: string[];
  /** False when a cap or the cancellation stopped the walk before every folder was seen. */
  complete: boolean;
}

const DEFAULT_MAX_FOLDERS = 50_000;

/**
 * Every file below `roots` whose name `wants` accepts, like the editor's `findFiles` but
 * without its habit of following symbolic links (a link to `/` makes `findFiles` search the
 * whole disk, and returns files from outside the workspace): breadth-first over the core's
 * file system, never into symlinks, special files or NEVER_DESCEND folders, within caps.
 * Yields to the event loop between small batches so an extension host stays responsive.
 */
export async function findFilesByName(fs: CoreFileSystem, roots: readonly string[], options: FindByNameOptions): Promise<FoundFiles> {
  const maxFolders = options.maxFolders ?? DEFAULT_MAX_FOLDERS;
  const concurrency = options.concurrency ?? 16;
  const slicer = new TimeSlicer();
  const files: string[] = [];
  const queue = [...roots];
  let head = 0;
  let complete = true;
  while (head < queue.length) {
    if (isCancelled(options.cancellation)) {
      complete = false;
      break;
    }
    const batch = queue.slice(head, head + concurrency);
    head += batch.length;
    const listings = await Promise.all(batch.map((folder) => fs.readDirectory(folder)));
    for (let index = 0; index < batch.length; index++) {
      const folder = batch[index];
      for (const entry of listings[index] ?? []) {
        const path = folder.endsWith('/') ? folder + entry.name : `${folder}/${entry.name}`;
        if (entry.kind === 'directory' && !NEVER_DESCEND.has(entry.name)) {
          // Folders past the cap would never be listed: do not keep their names either.
          if (queue.length < maxFolders) queue.push(path);
          else complete = false;
        } else if (entry.kind === 'file' && options.wants(entry.name)) files.push(path);
      }
    }
    if (files.length >= options.maxFiles) {
      complete = complete && files.length === options.maxFiles && head >= queue.length;
      files.length = options.maxFiles;
      break;
    }
    await slicer.maybeYield();
  }
  return { files: files.sort(), complete };
}
