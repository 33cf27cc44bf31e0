import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { readRefusal } from '../core/fileSystem';
import { decodeText } from '../core/textDecoding';
import type { FileFacts, FileRead } from '../core/fileSystem';

/**
 * The one way to read a file of a repository from the local disk: the CLI's (every core read goes through it), its
 * file workers' and the editor's scan worker's.
 *
 * A repository may hold a FIFO, a device or a huge file under any name (`.stage.yml`, a team matrix,
 * `.gitignore`): stat first and refuse anything but a regular file within the cap; then open with
 * O_NONBLOCK (opening a FIFO that was swapped in meanwhile must not wait for a writer) and check the
 * open file again with fstat, the answer that cannot change under us; then read at most maxBytes + 1
 * bytes, so even a file that grows (or a /proc file that reports size 0) cannot exhaust memory.
 */
export function readRegularFile(nativePath: string, maxBytes: number): FileRead {
  let before: Stats | undefined;
  try {
    before = statSync(nativePath, { throwIfNoEntry: false });
  } catch (error) {
    return failedRead(error);
  }
  const refused = readRefusal(before && factsOf(before, false), maxBytes);
  if (refused) return refused;
  let fd: number;
  try {
    fd = openSync(nativePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return failedRead(error);
  }
  try {
    const opened = factsOf(fstatSync(fd), false);
    const refusedOpen = readRefusal(opened, maxBytes);
    if (refusedOpen) return refusedOpen;
    const chunks: Buffer[] = [];
    let total = 0;
    // The first buffer as large as the file says it is (one byte more, to see it end): a scan reads thousands of
    // small files between two garbage collections, and a 64 KB buffer for each was tens of megabytes of memory.
    let size = opened.size > 0 ? Math.min(opened.size + 1, READ_CHUNK) : READ_CHUNK;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
      const count = readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > maxBytes) return { status: 'too-large', size: total, maxBytes };
      // The size fstat told, and a short read: the end, without one more read that finds nothing (a file that grows
      // after this read is read as it was, as readFileSync reads it). A file that grew has filled the buffer instead.
      if (total === opened.size && count < chunk.length) break;
      // Filled: more may follow (a file that grew, or one whose size says 0). Short: most likely the end, checked with a small read.
      size = count === chunk.length ? READ_CHUNK : END_PROBE;
    }
    return { status: 'ok', text: decodeText(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)) };
  } catch (error) {
    return failedRead(error);
  } finally {
    closeSync(fd);
  }
}

/** Reads go in chunks of at most this many bytes. */
const READ_CHUNK = 64 * 1024;
/** After a short read, the read that sees the end: small enough to come from node's shared buffer pool. */
const END_PROBE = 1024;

/**
 * The first `count` bytes of a regular file (its byte-order mark, for a writer
 * that must keep the file's encoding); empty when it is not one or cannot be read.
 */
export function fileHead(nativePath: string, count: number): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(nativePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
    if (!fstatSync(fd).isFile()) return new Uint8Array();
    const head = Buffer.alloc(count);
    return head.subarray(0, readSync(fd, head, 0, count, 0));
  } catch {
    return new Uint8Array();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Facts about a path for the core (symlinks followed for kind and size; lstat tells the link
 * itself). A dangling link is 'other', like workspace.fs reports it: something is there to refuse.
 */
export function statFacts(nativePath: string): FileFacts | undefined {
  try {
    const link = lstatSync(nativePath, { throwIfNoEntry: false });
    if (!link) return undefined;
    if (!link.isSymbolicLink()) return factsOf(link, false);
    const target = statSync(nativePath, { throwIfNoEntry: false });
    return target ? factsOf(target, true) : { kind: 'other', symlink: true, size: 0 };
  } catch {
    return undefined;
  }
}

function factsOf(stats: Stats, symlink: boolean): FileFacts {
  return { kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other', symlink, size: stats.size, mtime: stats.mtimeMs };
}

/** A failed system call as a read result: gone is "missing"; anything else says what the system said. */
function failedRead(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
  if (code === 'EISDIR') return { status: 'not-a-file', kind: 'directory' };
  return { status: 'unreadable', reason: errorReason(error) };
}

/** A system error in a few words ("permission denied"), never a stack trace. */
export function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EEXIST: 'it already exists',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'the file is too large for this system',
    EROFS: 'read-only file system',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  if (code && known[code]) return `${known[code]}, ${code}`;
  return code ?? (error instanceof Error ? error.message : String(error));
}
