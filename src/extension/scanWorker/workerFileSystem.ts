import { readdirSync, realpathSync, statSync } from 'node:fs';
import { MAX_READ_BYTES } from '../../core/fileSystem';
import type { CoreFileSystem, DirectoryEntry, FileRead } from '../../core/fileSystem';
import { readRegularFile, statFacts } from '../../node/guardedRead';

/**
 * The scan worker's file system: the extension host's own disk through node `fs` (a local workspace folder: no
 * round trip to the host per file), with the unsaved editors' texts the host sent winning over the disk, as the
 * host's WorkspaceFileSystem lets them win. Synchronous calls behind the async interface, as the CLI's
 * nodeFileSystem (which the extension may not import): the worker has no UI to keep responsive, and the scan
 * yields between files. Every read is the CLI's guarded read (src/node/guardedRead.ts): stat first, refuse anything
 * but a regular file within the cap, open without blocking (a FIFO swapped in), check the open file again, read at
 * most the cap plus one byte.
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
