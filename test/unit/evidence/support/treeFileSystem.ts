import { MAX_READ_BYTES } from '../../../../src/core/fileSystem';
import type { CoreFileSystem, DirectoryEntry, FileFacts, FileRead } from '../../../../src/core/fileSystem';
import { listImpliedDirectory, memoryRead } from '../../foundation/memoryFileSystem';

/**
 * An in-memory CoreFileSystem for evidence tests: files by absolute POSIX
 * path (folders exist when a file lies below them; `emptyDirs` adds empty
 * ones). Records every directory listed and every file read, so tests can
 * prove where a scan went — and, above all, where it did not.
 */
export class TreeFileSystem implements CoreFileSystem {
  readonly listed: string[] = [];
  readonly read: string[] = [];
  private readonly files = new Map<string, string>();
  private readonly sizes = new Map<string, number>();
  private readonly unreadable = new Map<string, string>();
  private readonly mtimes = new Map<string, number>();
  private clock = 0;
  /** Called on every directory listing (tests use it to cancel mid-walk). */
  onList?: (path: string) => void;

  constructor(
    files: Record<string, string> = {},
    readonly withFileSize = true,
  ) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): this {
    if (!path.startsWith('/')) throw new Error(`TreeFileSystem wants absolute paths, got ${path}`);
    this.files.set(path, text);
    // Each write is a new modification time, as on disk (a rescan's cache tells changed files by it).
    this.mtimes.set(path, ++this.clock);
    return this;
  }

  /** Deletes the file (a folder is gone once no file lies below it). */
  remove(path: string): this {
    this.files.delete(path);
    this.mtimes.delete(path);
    return this;
  }

  /** Pretends the file is `bytes` long (to test the size limit without allocating it). */
  pretendSize(path: string, bytes: number): this {
    this.sizes.set(path, bytes);
    return this;
  }

  async readText(path: string): Promise<string | undefined> {
    this.read.push(path);
    return this.files.get(path);
  }

  /** Pretends reading the file fails (EACCES cannot be made on disk when tests run as root). */
  pretendUnreadable(path: string, reason: string): this {
    this.unreadable.set(path, reason);
    return this;
  }

  async readFile(path: string, maxBytes = MAX_READ_BYTES): Promise<FileRead> {
    // Refused by size before it is opened, like the real adapters (stat first): not a read.
    const size = this.sizes.get(path);
    if (size !== undefined && size > maxBytes) return { status: 'too-large', size, maxBytes };
    this.read.push(path);
    const reason = this.unreadable.get(path);
    if (reason !== undefined) return { status: 'unreadable', reason };
    return memoryRead(this.files.get(path), maxBytes);
  }

  async stat(path: string): Promise<FileFacts | undefined> {
    const text = this.files.get(path);
    if (text !== undefined)
      return { kind: 'file', symlink: false, size: this.sizes.get(path) ?? Buffer.byteLength(text, 'utf8'), mtime: this.mtimes.get(path) };
    return listImpliedDirectory(this.files.keys(), path) ? { kind: 'directory', symlink: false, size: 0 } : undefined;
  }

  async realPath(path: string): Promise<string | undefined> {
    return (await this.stat(path)) ? path : undefined;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
    this.listed.push(path);
    this.onList?.(path);
    return listImpliedDirectory(this.files.keys(), path);
  }

  get fileSize(): CoreFileSystem['fileSize'] {
    if (!this.withFileSize) return undefined;
    return async (path: string) =>
      this.sizes.get(path) ?? (this.files.has(path) ? Buffer.byteLength(this.files.get(path)!, 'utf8') : undefined);
  }
}

/** Files under a root, from a map of relative paths. */
export function tree(root: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([relative, text]) => [`${root}/${relative}`, text]));
}
