import { chmodSync, chownSync, closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errorReason } from '../node/guardedRead';

/** A file the CLI could not write, with a message fit for one line on stderr (no stack trace). */
export class FileWriteError extends Error {}

/**
 * Writes a whole file or nothing: the text goes to a temporary file in the same folder (so the
 * final step is a rename on one file system), flushed, then takes the target's place. A write cut
 * short (disk full, a file-size limit, a kill) leaves the original untouched, and concurrent
 * writers each replace the whole file: the last one wins, none sees half of another.
 *
 * `replace` keeps the original's mode (and owner, when allowed); `create` never replaces anything:
 * the temporary file is linked to the name, which fails when anything (even a dangling link) is there.
 */
export function writeFileAtomic(nativePath: string, text: string, mode: 'replace' | 'create', shown: string): void {
  const original = mode === 'replace' ? statSync(nativePath, { throwIfNoEntry: false }) : undefined;
  const temp = join(dirname(nativePath), `.${basename(nativePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', original ? original.mode & 0o777 : 0o666);
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (original) {
      // open()'s mode passes through the umask: set the original's bits exactly.
      chmodSync(temp, original.mode & 0o7777);
      try {
        chownSync(temp, original.uid, original.gid);
      } catch {
        // Only root may give a file away; anyone else's edit is theirs, as with any editor.
      }
      renameSync(temp, nativePath);
    } else {
      linkSync(temp, nativePath);
      unlinkSync(temp);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw new FileWriteError(`could not write ${shown}: ${errorReason(error)}; it was left as it was.`);
  }
}
