import { readdirSync, realpathSync, statSync } from 'node:fs';
import { MAX_READ_BYTES, textOf } from '../core/fileSystem';
import type { CoreFileSystem, DirectoryEntry } from '../core/fileSystem';
import { readRegularFile, statFacts } from './guardedRead';

/**
 * The core's file-system surface over node `fs`, for the CLI (and its file workers) and the editor's scan worker.
 * Core paths are POSIX: `/C:/a/b` on Windows, made from a native path by `toCorePath` (the CLI keeps the drive
 * letter as written; the scan worker writes it in lower case, as `vscode.Uri.file` does), and given back to `fs`
 * in their native form.
 *
 * Synchronous calls behind the async interface, on purpose: neither has a UI to keep responsive, each call is
 * short (one directory listing; one file the scan already checked is small), and the promise API costs a
 * thread-pool round trip per call — four per file read — which made reading a few hundred small files cost more
 * than walking a 100,000-file tree. The core still yields between files and folders (TimeSlicer), so a caller's
 * timers keep running during a scan. Every read is the guarded read (guardedRead.ts).
 */
export function localFileSystem(toCorePath: (nativeAbsolute: string) => string): CoreFileSystem {
  return {
    async readText(path) {
      return textOf(readRegularFile(fromCorePath(path), MAX_READ_BYTES));
    },
    async readFile(path, maxBytes = MAX_READ_BYTES) {
      return readRegularFile(fromCorePath(path), maxBytes);
    },
    async stat(path) {
      return statFacts(fromCorePath(path));
    },
    async realPath(path) {
      try {
        return toCorePath(realpathSync.native(fromCorePath(path)));
      } catch {
        return undefined;
      }
    },
    async readDirectory(path) {
      try {
        return readdirSync(fromCorePath(path), { withFileTypes: true }).map(
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
        return statSync(fromCorePath(path), { throwIfNoEntry: false })?.size;
      } catch {
        return undefined;
      }
    },
  };
}

/** The core's POSIX path → native path for node `fs` (`/C:/a` → `C:/a`; unchanged on POSIX). */
export function fromCorePath(corePath: string): string {
  return /^\/[A-Za-z]:\//.test(corePath) ? corePath.slice(1) : corePath;
}
