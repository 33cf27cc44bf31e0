import { readdirSync, realpathSync, statSync } from 'node:fs';
import { MAX_READ_BYTES } from '../core/fileSystem';
import type { CoreFileSystem, DirectoryEntry } from '../core/fileSystem';
import { readRegularFile, statFacts } from '../node/guardedRead';

/**
 * The core's file-system surface over node `fs` (the CLI runs on POSIX paths; see toCorePath).
 *
 * Synchronous calls behind the async interface, on purpose: the CLI has no UI to keep responsive,
 * each call is short (one directory listing; one file the scan already checked is small), and the
 * promise API costs a thread-pool round trip per call — four per file read — which made reading a
 * few hundred small files cost more than walking a 100,000-file tree. The core still yields
 * between files and folders (TimeSlicer), so a caller's timers keep running during a scan.
 */
export const nodeFileSystem: CoreFileSystem = {
  async readText(path) {
    const read = readRegularFile(fromCorePath(path), MAX_READ_BYTES);
    return read.status === 'ok' ? read.text : undefined;
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
      const entries = readdirSync(path, { withFileTypes: true });
      return entries.map(
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
      return statSync(path, { throwIfNoEntry: false })?.size;
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
