import { MAX_READ_BYTES, readRefusal } from '../../../src/core/fileSystem';
import type { CoreFileSystem, DirectoryEntry, FileFacts, FileRead } from '../../../src/core/fileSystem';

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

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Entries that are not plain text files: a FIFO, a file read denies (EACCES), a folder where a file is expected. */
  private readonly specials = new Map<string, { facts: FileFacts; read: FileRead }>();
  /** Symbolic links: a path (or a folder prefix) and the real path it stands for. */
  private readonly links = new Map<string, string>();

  special(path: string, facts: FileFacts, read: FileRead): this {
    this.specials.set(path, { facts, read });
    return this;
  }

  /** Makes `path` (a file or a folder) a symbolic link to `target`, as realPath sees it. */
  link(path: string, target: string): this {
    this.links.set(path, target);
    return this;
  }

  async readText(path: string): Promise<string | undefined> {
    const read = await this.readFile(path);
    return read.status === 'ok' ? read.text : undefined;
  }

  async readFile(path: string, maxBytes = MAX_READ_BYTES): Promise<FileRead> {
    this.reads.push(path);
    // Reads follow links, like the real ones.
    const target = this.resolveLinks(path);
    const special = this.specials.get(target);
    if (special) return readRefusal(special.facts, maxBytes) ?? special.read;
    return memoryRead(this.files.get(target), maxBytes);
  }

  private resolveLinks(path: string): string {
    for (const [from, to] of this.links) {
      if (path === from) return to;
      if (path.startsWith(`${from}/`)) return to + path.slice(from.length);
    }
    return path;
  }

  async stat(path: string): Promise<FileFacts | undefined> {
    // Looking counts as reading here: tests prove where resolution looked (and where it did not).
    this.reads.push(path);
    const symlink = [...this.links.keys()].includes(path);
    const special = this.specials.get(path);
    if (special) return { ...special.facts, symlink: symlink || special.facts.symlink };
    const text = this.files.get(path);
    if (text !== undefined) return { kind: 'file', symlink, size: Buffer.byteLength(text, 'utf8') };
    return listImpliedDirectory(this.files.keys(), path) ? { kind: 'directory', symlink, size: 0 } : undefined;
  }

  async realPath(path: string): Promise<string | undefined> {
    if (!this.files.has(path) && !this.specials.has(path) && !listImpliedDirectory([...this.files.keys(), ...this.specials.keys()], path))
      return undefined;
    return this.resolveLinks(path);
  }

  async readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
    const entries = listImpliedDirectory([...this.files.keys(), ...this.specials.keys()], path);
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return entries?.map((entry) => ({ ...entry, kind: this.specials.get(prefix + entry.name)?.facts.kind ?? entry.kind }));
  }

  async fileSize(path: string): Promise<number | undefined> {
    const text = this.files.get(path);
    return text === undefined ? undefined : Buffer.byteLength(text, 'utf8');
  }
}

/** An in-memory file's read result under the shared size cap. */
export function memoryRead(text: string | undefined, maxBytes: number): FileRead {
  if (text === undefined) return { status: 'missing' };
  const size = Buffer.byteLength(text, 'utf8');
  return size > maxBytes ? { status: 'too-large', size, maxBytes } : { status: 'ok', text };
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
