import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { MAX_READ_BYTES, readRefusal } from '../../core/fileSystem';
import type { CoreFileSystem, DirectoryEntry, FileFacts, FileRead } from '../../core/fileSystem';
import { decodeText } from '../../core/textDecoding';

/**
 * The scan worker's file system: the extension host's own disk through node `fs` (a local workspace folder: no
 * round trip to the host per file), with the unsaved editors' texts the host sent winning over the disk, as the
 * host's WorkspaceFileSystem lets them win. Synchronous calls behind the async interface, as the CLI's
 * nodeFileSystem (which the extension may not import): the worker has no UI to keep responsive, and the scan
 * yields between files. Reads follow the CLI's guarded read: stat first, refuse anything but a regular file within
 * the cap, open without blocking (a FIFO swapped in), check the open file again, read at most the cap plus one byte.
 * Core paths are POSIX (`/c:/x` on Windows, as a VS Code URI's path): `fs` gets the native form.
 */
export function workerFileSystem(overrides: ReadonlyMap<string, string>): CoreFileSystem {
  const readFile = async (path: string, maxBytes = MAX_READ_BYTES): Promise<FileRead> => {
    const text = overrides.get(path);
    if (text !== undefined) return text.length > maxBytes ? { status: 'too-large', size: text.length, maxBytes } : { status: 'ok', text };
    return readRegularFile(nativePath(path), maxBytes);
  };
  return {
    readFile,
    async readText(path) {
      const read = await readFile(path);
      return read.status === 'ok' ? read.text : undefined;
    },
    async stat(path) {
      return statFacts(nativePath(path));
    },
    async realPath(path) {
      try {
        return corePath(realpathSync.native(nativePath(path)));
      } catch {
        return undefined;
      }
    },
    async readDirectory(path) {
      try {
        return readdirSync(nativePath(path), { withFileTypes: true }).map(
          (entry): DirectoryEntry => ({
            name: entry.name,
            kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
          }),
        );
      } catch {
        return undefined;
      }
    },
    async fileSize(path) {
      try {
        return statSync(nativePath(path), { throwIfNoEntry: false })?.size;
      } catch {
        return undefined;
      }
    },
  };
}

/** `/c:/x` (a URI path on Windows) → `c:/x`; POSIX paths as they are. */
function nativePath(path: string): string {
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** A native absolute path → a URI's path, as `vscode.Uri.file` writes it (`C:\x` → `/c:/x`: the drive letter in lower case). */
function corePath(native: string): string {
  if (!/^[A-Za-z]:[\\/]/.test(native)) return native;
  return `/${native[0].toLowerCase()}${native.slice(1).replace(/\\/g, '/')}`;
}

function readRegularFile(path: string, maxBytes: number): FileRead {
  let before: Stats | undefined;
  try {
    before = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return failedRead(error);
  }
  const refused = readRefusal(before && factsOf(before, false), maxBytes);
  if (refused) return refused;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return failedRead(error);
  }
  try {
    const opened = factsOf(fstatSync(fd), false);
    const refusedOpen = readRefusal(opened, maxBytes);
    if (refusedOpen) return refusedOpen;
    const chunks: Buffer[] = [];
    let total = 0;
    let size = opened.size > 0 ? Math.min(opened.size + 1, READ_CHUNK) : READ_CHUNK;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
      const count = readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > maxBytes) return { status: 'too-large', size: total, maxBytes };
      size = count === chunk.length ? READ_CHUNK : END_PROBE;
    }
    return { status: 'ok', text: decodeText(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)) };
  } catch (error) {
    return failedRead(error);
  } finally {
    closeSync(fd);
  }
}

const READ_CHUNK = 64 * 1024;
const END_PROBE = 1024;

/** Symbolic links followed for kind and size, lstat telling the link itself; a dangling link is 'other'. */
function statFacts(path: string): FileFacts | undefined {
  try {
    const link = lstatSync(path, { throwIfNoEntry: false });
    if (!link) return undefined;
    if (!link.isSymbolicLink()) return factsOf(link, false);
    const target = statSync(path, { throwIfNoEntry: false });
    return target ? factsOf(target, true) : { kind: 'other', symlink: true, size: 0 };
  } catch {
    return undefined;
  }
}

function factsOf(stats: Stats, symlink: boolean): FileFacts {
  return { kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other', symlink, size: stats.size, mtime: stats.mtimeMs };
}

/** As the host's WorkspaceFileSystem reports a failed read. */
function failedRead(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
  if (code === 'EISDIR') return { status: 'not-a-file', kind: 'directory' };
  if (code === 'EACCES' || code === 'EPERM') return { status: 'unreadable', reason: 'permission denied' };
  return { status: 'unreadable', reason: code ?? (error instanceof Error ? error.message : String(error)) };
}
