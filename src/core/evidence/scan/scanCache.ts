import type { FileFacts } from '../../fileSystem';
import type { FactsDelta } from './inheritedFacts';
import { shareStrings, StringTable } from './sharedStrings';
import { fnv1a } from '../../textHashes';
import { EMPTY_LIST } from '../../emptyList';

/** What a scan made of one file: the facts its readers added, and what the assessment made of it (its analysis, digests). */
export interface CachedFile {
  readonly delta: FactsDelta;
  /** Filled by the scan's consumer (scanScope): opaque here; undefined when it made nothing of the file. */
  products?: unknown;
}

/**
 * A file's entry: what the scan made of it, and how the file was when it was read. One object (its products a field
 * from the start): the cache keeps one per file of a workspace, most of them empty (20,000 on the 100,000-file bench
 * tree, where an entry as three objects took 250 bytes before any fact).
 */
interface CacheEntry extends CachedFile {
  readonly mtime: number;
  readonly size: number;
  readonly variant: string;
}

/**
 * What earlier scans made of each file, by path, valid while the file's
 * modification time and size are the ones it was read with. The editor keeps
 * one across the scans of a workspace, so a rescan after a file changes reads
 * and parses that file alone (the walk still lists the folders, to find new
 * and deleted files). A scope whose set of files changed is read again whole:
 * an analysis may depend on which files exist (a Helm chart's templates).
 *
 * Told what changed (`changesNoted`: the editor passes on every path its
 * file watcher reports), a rescan goes further: a service none of the
 * changes touch is not walked again (what its last scan made of it stands),
 * and in a service where only known files changed, only those are looked at
 * (see scopeChanges.ts).
 *
 * Unbounded by design: it holds what the scans' facts held, for as long as
 * the editor keeps the workspace open; the CLI scans once and keeps none.
 */
export class ScanCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly scopeFiles = new Map<string, string>();
  private readonly scopes = new Map<string, unknown>();
  /** The paths noted as changed, in order; `changeBase` is the position of the first one kept. */
  private changes: string[] = [];
  private changeBase = 0;
  private readonly changesNoted: boolean;
  /**
   * One copy of each string the cache keeps (facts, analyses): the keys, values and paths that files and findings
   * repeat (issue 13: on the 100,000-file bench tree the worker's cache held 34 MB of strings, 14 MB of them distinct).
   */
  private readonly strings = new StringTable();
  /** Files taken from the cache, and files read (tests and the bench count them). */
  hits = 0;
  misses = 0;

  /**
   * `changesNoted`: whoever keeps the cache calls noteChanged for every path created, changed or deleted
   * (the extension's file watcher), so a rescan may trust that nothing else changed.
   */
  constructor(options: { changesNoted?: boolean } = {}) {
    this.changesNoted = options.changesNoted ?? false;
  }

  /** A path created, changed or deleted since the scans so far (a file or a folder). */
  noteChanged(path: string): void {
    if (!this.changesNoted) return;
    this.changes.push(path);
    // A storm of changes (a branch switch): past this many, rescans check every file again instead.
    if (this.changes.length > MAX_NOTED_CHANGES) this.forgetChanges();
  }

  /** What changed is no longer known (events may have been missed): the next scans check every file's modification time. */
  forgetChanges(): void {
    this.changeBase += this.changes.length + 1;
    this.changes = [];
  }

  /** Where the change log stands: taken when a scope's scan starts, to ask later what changed since. */
  changeMark(): number {
    return this.changeBase + this.changes.length;
  }

  /** The paths noted since `mark`; undefined when that is not known (changes not noted, or forgotten since). */
  changedSince(mark: number): readonly string[] | undefined {
    if (!this.changesNoted || mark < this.changeBase) return undefined;
    return this.changes.slice(mark - this.changeBase);
  }

  /** What the last scan of a scope made of it as a whole (opaque here: the assessment keeps its own record). */
  scopeRecord(root: string): unknown {
    return this.scopes.get(root);
  }

  rememberScope(root: string, record: unknown): void {
    this.scopes.set(root, record);
  }

  /** The file's entry even when it is stale (a changed file's facts are compared with what they were). */
  previous(path: string): CachedFile | undefined {
    return this.entries.get(path);
  }

  /**
   * What a scan made of the file, trusted unchanged without a look at the disk (the caller knows it did not
   * change) — when it is still read the same way (`variant`, as for lookup).
   */
  trusted(path: string, variant = ''): CachedFile | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.variant !== variant) return undefined;
    this.hits++;
    return entry;
  }

  /**
   * Starts a scan of the scope at `root` that found `paths`: when they are not the files of its last scan,
   * what was cached for it no longer counts.
   */
  beginScope(root: string, paths: Iterable<string>): void {
    let hash: number | undefined;
    let count = 0;
    // A collision keeps the scope's entries, each still checked by its file's modification time and size.
    for (const path of paths) {
      count++;
      hash = fnv1a('\n', fnv1a(path, hash));
    }
    const key = `${count}:${hash ?? 0}`;
    if (this.scopeFiles.get(root) !== key) {
      const below = root.endsWith('/') ? root : `${root}/`;
      for (const path of [...this.entries.keys()]) if (path.startsWith(below)) this.entries.delete(path);
      this.scopeFiles.set(root, key);
      this.scopes.delete(root);
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
    return entry;
  }

  /**
   * `value` (a file's facts or products, a scope's record) with its strings replaced, in place, by the cache's copies:
   * what the cache keeps for as long as the editor keeps the workspace open holds each string once.
   */
  shared<T>(value: T): T {
    return shareStrings(value, this.strings);
  }

  /** Notes what the scan made of the file as `facts` describe it (nothing is kept without a modification time). */
  store(path: string, facts: FileFacts | undefined, delta: FactsDelta, variant = ''): CachedFile | undefined {
    if (facts?.mtime === undefined) return undefined;
    const entry: CacheEntry = {
      // Every file that added no fact shares one delta (read-only, as every cached delta).
      delta: delta.length === 0 ? EMPTY_LIST : this.shared(delta),
      products: undefined,
      mtime: facts.mtime,
      size: facts.size,
      variant,
    };
    this.entries.set(path, entry);
    return entry;
  }
}

/** Noted changes kept before the cache stops trusting them (a branch switch touches thousands of files). */
const MAX_NOTED_CHANGES = 4096;
