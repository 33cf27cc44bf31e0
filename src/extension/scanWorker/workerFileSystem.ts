import { MAX_READ_BYTES, textOf } from '../../core/fileSystem';
import type { CoreFileSystem, FileRead } from '../../core/fileSystem';
import { localFileSystem } from '../../node/localFileSystem';

/**
 * The scan worker's file system: the extension host's own disk through node `fs` (a local workspace folder: no
 * round trip to the host per file; src/node/localFileSystem.ts, the CLI's, with its guarded reads), with the
 * unsaved editors' texts the host sent winning over the disk, as the host's WorkspaceFileSystem lets them win.
 * Core paths are POSIX (`/c:/x` on Windows, as a VS Code URI's path).
 */
export function workerFileSystem(overrides: ReadonlyMap<string, string>): CoreFileSystem {
  const disk = localFileSystem(corePath);
  const readFile = async (path: string, maxBytes = MAX_READ_BYTES): Promise<FileRead> => {
    const text = overrides.get(path);
    if (text !== undefined) return text.length > maxBytes ? { status: 'too-large', size: text.length, maxBytes } : { status: 'ok', text };
    return disk.readFile(path, maxBytes);
  };
  return {
    ...disk,
    readFile,
    async readText(path) {
      return textOf(await readFile(path));
    },
  };
}

/** A native absolute path → a URI's path, as `vscode.Uri.file` writes it (`C:\x` → `/c:/x`: the drive letter in lower case). */
function corePath(native: string): string {
  if (!/^[A-Za-z]:[\\/]/.test(native)) return native;
  return `/${native[0].toLowerCase()}${native.slice(1).replace(/\\/g, '/')}`;
}
