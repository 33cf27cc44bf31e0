/**
 * The small file-system surface the core needs. Paths are absolute POSIX
 * paths ("/work/app/.stage.yml"); the CLI implements this with node `fs`,
 * the extension with `workspace.fs` on URIs (mapping uri.path ↔ path).
 */
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

/** What a path is, as a stat tells it: kind and size of what it leads to (symbolic links followed). */
export interface FileFacts {
  kind: 'file' | 'directory' | 'other';
  /** The path itself is a symbolic link (workspace.fs's SymbolicLink bit, lstat's isSymbolicLink). */
  symlink: boolean;
  size: number;
  /** Last modification, in milliseconds since the epoch (with the size, what tells a rescan a file changed). */
  mtime?: number;
}

/** What reading a file found: its text, or why there is none (never content of a refused file). */
export type FileRead =
  | { status: 'ok'; text: string }
  | { status: 'missing' }
  | { status: 'not-a-file'; kind: 'directory' | 'other' }
  | { status: 'too-large'; size: number; maxBytes: number }
  | { status: 'unreadable'; reason: string };

/** Files larger than this are never read whole: configuration is small, and /dev/zero is not. */
export const MAX_READ_BYTES = 1024 * 1024;

export interface CoreFileSystem {
  /** The file's UTF-8 text when readFile finds a regular file within MAX_READ_BYTES, else undefined. */
  readText(path: string): Promise<string | undefined>;
  /**
   * The one guarded read: a regular file (symlinks followed) of at most maxBytes (default
   * MAX_READ_BYTES), never blocking on a FIFO or device; anything else says why it was not read.
   */
  readFile(path: string, maxBytes?: number): Promise<FileRead>;
  /** Entries of a directory, or undefined when it does not exist. */
  readDirectory(path: string): Promise<DirectoryEntry[] | undefined>;
  /** Size in bytes, or undefined when the file does not exist. */
  fileSize?(path: string): Promise<number | undefined>;
  /** Facts about a path, or undefined when nothing is there (a dangling link is kind 'other', symlink). */
  stat(path: string): Promise<FileFacts | undefined>;
  /** The path with every symbolic link resolved, or undefined when it does not exist. */
  realPath(path: string): Promise<string | undefined>;
}

/** A read's text, as `readText` tells it: undefined when the read found none. */
export function textOf(read: FileRead): string | undefined {
  return read.status === 'ok' ? read.text : undefined;
}

/**
 * The shared decision before any read: only a regular file within the size cap is read.
 * Adapters call it with the facts they have (before opening, and again on the open file).
 */
export function readRefusal(facts: FileFacts | undefined, maxBytes: number): FileRead | undefined {
  if (!facts) return { status: 'missing' };
  if (facts.kind !== 'file') return { status: 'not-a-file', kind: facts.kind };
  if (facts.size > maxBytes) return { status: 'too-large', size: facts.size, maxBytes };
  return undefined;
}

/** Why a read found no text, as a phrase after the file's name ("is a folder, not a file"). */
export function readFailure(read: Exclude<FileRead, { status: 'ok' }>): string {
  switch (read.status) {
    case 'missing':
      return 'does not exist';
    case 'not-a-file':
      return read.kind === 'directory' ? 'is a folder, not a file' : 'is not a regular file (a FIFO, device or socket)';
    case 'too-large':
      return `is too large (${read.size} bytes; the limit is ${read.maxBytes})`;
    case 'unreadable':
      return `cannot be read (${read.reason})`;
  }
}

/** The path without its trailing slash (`/repo/` → `/repo`); the root stays `/`. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

export function posixDirname(path: string): string {
  const trimmed = withoutTrailingSlash(path);
  const index = trimmed.lastIndexOf('/');
  if (index <= 0) return '/';
  return trimmed.slice(0, index);
}

export function posixJoin(...parts: string[]): string {
  const joined = parts.filter((part) => part.length > 0).join('/');
  return joined.replace(/\/{2,}/g, '/');
}

export function posixBasename(path: string): string {
  const trimmed = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * `path` resolved against the absolute folder `base`, with `.` and `..` segments folded and
 * duplicate or trailing slashes dropped, as node's `path.posix.resolve(base, path)` does for an
 * absolute `base` (the core has no node: it runs in the extension host and plain node alike).
 * An absolute `path` ignores `base`; `..` above the root stays at the root.
 */
export function posixResolve(base: string, path: string): string {
  // Most calls join a folder the model already resolved with a plain relative path (`Dockerfile`, `../base`): those
  // need no split. The deployment model resolves hundreds of thousands of paths per build of a large workspace.
  if (!path.startsWith('/') && (base === '/' || (base.startsWith('/') && !NOT_RESOLVED.test(base)))) {
    let folder = base;
    let rest = path;
    for (;;) {
      if (rest.startsWith('./')) rest = rest.slice(2);
      else if (rest.startsWith('../')) {
        folder = posixDirname(folder);
        rest = rest.slice(3);
      } else if (rest === '.' || rest === '..') {
        if (rest === '..') folder = posixDirname(folder);
        rest = '';
      } else break;
    }
    if (rest === '') return folder;
    if (!NOT_RESOLVED.test(rest) && !rest.startsWith('/')) return folder === '/' ? `/${rest}` : `${folder}/${rest}`;
  }
  return resolveSegments(base, path);
}

/** A path with a `.` or `..` segment, a doubled slash or a trailing one: not as posixResolve returns paths. */
const NOT_RESOLVED = /(?:^|\/)\.\.?(?:\/|$)|\/\/|\/$/;

function resolveSegments(base: string, path: string): string {
  const segments: string[] = [];
  for (const segment of (path.startsWith('/') ? path : `${base}/${path}`).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** Path of `path` relative to `root`, or undefined when it is not inside it. */
export function posixRelative(root: string, path: string): string | undefined {
  const base = root.endsWith('/') ? root : `${root}/`;
  if (path === root) return '';
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}
