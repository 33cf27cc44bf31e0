import type { CoreFileSystem, FileRead } from '../../fileSystem';

/**
 * How long a read is kept: for the rest of the scope being scanned (a pipeline its GitLab pre-pass read, which its
 * readers read again), or for the rest of the scan (a file outside the scope — the repository's workflows,
 * pipelines and lockfiles, the CI files another service's pipeline includes — which every nested service reads).
 */
export type ReadLifetime = 'scope' | 'scan';

/**
 * The reads of one scan, shared: a monorepo's nested services each read the repository-level files (the root
 * `.gitlab-ci.yml` and the hundreds of files it includes, the root workflows and lockfiles) and, before that,
 * the GitLab pre-pass reads each pipeline its readers read again. Kept here, each of those files is read once
 * per scan: the same text (one string, which InheritedFacts and the shared parses hold anyway), handed to every
 * service that needs it. Only reads a caller asks to keep are kept; the scan lets go of the whole once it ends.
 *
 * Bounded: at most `maxKeptLength` characters of kept text (past it, a file is read again, as before).
 * A read is shared only with a read of the same size limit (the limit decides what the read says).
 */
export class ScanReads {
  private readonly kept = new Map<string, { read: FileRead; maxBytes: number; lifetime: ReadLifetime }>();
  private readonly realPaths = new Map<string, string | undefined>();
  private keptLength = 0;

  constructor(
    private readonly fs: CoreFileSystem,
    private readonly maxKeptLength = 16 * 1024 * 1024,
  ) {}

  /** The file as the guarded read tells it: a kept read when there is one, else read now (and kept when `keep` says for how long). */
  async read(path: string, maxBytes: number, keep?: ReadLifetime): Promise<FileRead> {
    const entry = this.kept.get(path);
    if (entry && entry.maxBytes === maxBytes) {
      if (keep === 'scan') entry.lifetime = 'scan';
      return entry.read;
    }
    const read = await this.fs.readFile(path, maxBytes);
    if (keep) this.keep(path, read, maxBytes, keep);
    return read;
  }

  /**
   * Whether the file is a regular file within `maxBytes` that reads: an existence check (a composite action, a
   * `docs/CODEOWNERS`) that keeps what it read for the scan, which reads the file next. A look first: a file that is
   * not there (the usual answer, asked by every service) is not a read.
   */
  async readable(path: string, maxBytes: number): Promise<boolean> {
    if (!this.kept.has(path)) {
      const facts = await this.fs.stat(path);
      if (!facts || facts.kind !== 'file' || facts.size > maxBytes) return false;
    }
    return (await this.read(path, maxBytes, 'scan')).status === 'ok';
  }

  /**
   * Where the path really leads (symbolic links resolved), asked once per scan: every nested service checks that
   * each file its inherited pipeline includes lies inside the repository. At most `MAX_REAL_PATHS` are kept.
   */
  async realPath(path: string): Promise<string | undefined> {
    if (this.realPaths.has(path)) return this.realPaths.get(path);
    const real = await this.fs.realPath(path);
    if (this.realPaths.size < MAX_REAL_PATHS) this.realPaths.set(path, real);
    return real;
  }

  /** The scope's scan is done: what only it needed is let go. */
  endScope(): void {
    for (const [path, entry] of this.kept) {
      if (entry.lifetime === 'scope') this.drop(path);
    }
  }

  private keep(path: string, read: FileRead, maxBytes: number, lifetime: ReadLifetime): void {
    const length = read.status === 'ok' ? read.text.length : 0;
    if (this.keptLength + length > this.maxKeptLength) return;
    this.drop(path);
    this.kept.set(path, { read, maxBytes, lifetime });
    this.keptLength += length;
  }

  private drop(path: string): void {
    const entry = this.kept.get(path);
    if (!entry) return;
    this.kept.delete(path);
    if (entry.read.status === 'ok') this.keptLength -= entry.read.text.length;
  }
}

/** Real paths kept per scan: the files outside a service that pipelines include (GitLab allows 150 per pipeline). */
const MAX_REAL_PATHS = 4096;
