import { promises as fs } from 'node:fs';
import type { CoreFileSystem, DirectoryEntry } from '../core/fileSystem';

/** The core's file-system surface over node `fs` (the CLI runs on POSIX paths; see toCorePath). */
export const nodeFileSystem: CoreFileSystem = {
  async readText(path) {
    // One syscall path: readFile already fails on a folder (EISDIR) or a missing file, so no stat first.
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  async readDirectory(path) {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((entry): DirectoryEntry => ({
        name: entry.name,
        kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
      }));
    } catch {
      return undefined;
    }
  },
  async fileSize(path) {
    try {
      return (await fs.stat(path)).size;
    } catch {
      return undefined;
    }
  },
};

/** Absolute native path → the core's POSIX form ("C:\\a\\b" → "/C:/a/b"; unchanged on POSIX). */
export function toCorePath(nativeAbsolute: string): string {
  if (!/^[A-Za-z]:[\\/]/.test(nativeAbsolute) && !nativeAbsolute.includes('\\')) return nativeAbsolute;
  return `/${nativeAbsolute.replace(/\\/g, '/')}`;
}

/** The core's POSIX path → native path for node `fs`. */
export function fromCorePath(corePath: string): string {
  return /^\/[A-Za-z]:\//.test(corePath) ? corePath.slice(1) : corePath;
}
