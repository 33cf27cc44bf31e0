import type { CoreFileSystem } from '../core/fileSystem';
import { fromCorePath, localFileSystem } from '../node/localFileSystem';

export { fromCorePath };

/** The CLI's file system: the local disk through node `fs` (src/node/localFileSystem.ts), on the core's POSIX paths. */
export const nodeFileSystem: CoreFileSystem = localFileSystem(toCorePath);

/** Absolute native path → the core's POSIX form ("C:\\a\\b" → "/C:/a/b"; unchanged on POSIX). */
export function toCorePath(nativeAbsolute: string): string {
  if (!/^[A-Za-z]:[\\/]/.test(nativeAbsolute) && !nativeAbsolute.includes('\\')) return nativeAbsolute;
  return `/${nativeAbsolute.replace(/\\/g, '/')}`;
}
