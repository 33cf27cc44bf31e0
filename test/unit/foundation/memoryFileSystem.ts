import type { CoreFileSystem, DirectoryEntry } from '../../../src/core/fileSystem';

/**
 * An in-memory CoreFileSystem over absolute POSIX paths. Folders exist
 * implicitly when a file lies below them. Records every read so tests can
 * prove where resolution looked (and where it did not).
 */
export class MemoryFileSystem implements CoreFileSystem {
  readonly reads: string[] = [];
  private readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): void {
    if (!path.startsWith('/')) throw new Error(`MemoryFileSystem wants absolute paths, got ${path}`);
    this.files.set(path, text);
  }

  async readText(path: string): Promise<string | undefined> {
    this.reads.push(path);
    return this.files.get(path);
  }

  async readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
    return listImpliedDirectory(this.files.keys(), path);
  }

  async fileSize(path: string): Promise<number | undefined> {
    const text = this.files.get(path);
    return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
  }
}

/**
 * The entries of folder `path` when folders exist only by holding files: each file path below
 * it names a file directly in it or a subfolder. Undefined for a folder that holds nothing.
 */
export function listImpliedDirectory(filePaths: Iterable<string>, path: string): DirectoryEntry[] | undefined {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const entries = new Map<string, DirectoryEntry['kind']>();
  for (const file of filePaths) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) entries.set(rest, 'file');
    else entries.set(rest.slice(0, slash), 'directory');
  }
  if (entries.size === 0) return undefined;
  return [...entries].map(([name, kind]) => ({ name, kind }));
}
