import type { FileFacts } from '../../fileSystem';
import type { FactsDelta } from './inheritedFacts';

/** What a scan made of one file: the facts its readers added, and what the assessment made of it (its analysis, digests). */
export interface CachedFile {
  readonly delta: FactsDelta;
  /** Filled by the scan's consumer (scanScope): opaque here. */
  products?: unknown;
}

/**
 * What earlier scans made of each file, by path, valid while the file's
 * modification time and size are the ones it was read with. The editor keeps
 * one across the scans of a workspace, so a rescan after a file changes reads
 * and parses that file alone (the walk still lists the folders, to find new
 * and deleted files). A scope whose set of files changed is read again whole:
 * an analysis may depend on which files exist (a Helm chart's templates).
 *
 * Unbounded by design: it holds what the scans' facts held, for as long as
 * the editor keeps the workspace open; the CLI scans once and keeps none.
 */
export class ScanCache {
  private readonly entries = new Map<string, { mtime: number; size: number; variant: string; file: CachedFile }>();
  private readonly scopeFiles = new Map<string, string>();
  /** Files taken from the cache, and files read (tests and the bench count them). */
  hits = 0;
  misses = 0;

  /**
   * Starts a scan of the scope at `root` that found `paths`: when they are not the files of its last scan,
   * what was cached for it no longer counts.
   */
  beginScope(root: string, paths: Iterable<string>): void {
    let hash = 0x811c9dc5;
    let count = 0;
    for (const path of paths) {
      count++;
      for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
      hash = Math.imul(hash ^ 10, 0x01000193);
    }
    const key = `${count}:${hash >>> 0}`;
    if (this.scopeFiles.get(root) !== key) {
      const below = root.endsWith('/') ? root : `${root}/`;
      for (const path of [...this.entries.keys()]) if (path.startsWith(below)) this.entries.delete(path);
      this.scopeFiles.set(root, key);
    }
  }

  /**
   * What a scan made of the file, when it has not changed since (same modification time and size) and was
   * read the same way (`variant`: e.g. as a file a GitLab pipeline includes, which makes it GitLab CI).
   */
  lookup(path: string, facts: FileFacts | undefined, variant = ''): CachedFile | undefined {
    const entry = this.entries.get(path);
    if (!entry || facts?.mtime === undefined || entry.mtime !== facts.mtime || entry.size !== facts.size || entry.variant !== variant) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.file;
  }

  /** Notes what the scan made of the file as `facts` describe it (nothing is kept without a modification time). */
  store(path: string, facts: FileFacts | undefined, delta: FactsDelta, variant = ''): CachedFile | undefined {
    if (facts?.mtime === undefined) return undefined;
    const file: CachedFile = { delta };
    this.entries.set(path, { mtime: facts.mtime, size: facts.size, variant, file });
    return file;
  }
}
