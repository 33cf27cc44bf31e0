/**
 * The small file-system surface the core needs. Paths are absolute POSIX
 * paths ("/work/app/.stage.yml"); the CLI implements this with node `fs`,
 * the extension with `workspace.fs` on URIs (mapping uri.path ↔ path).
 */
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

export interface CoreFileSystem {
  /** The file's UTF-8 text, or undefined when it does not exist or is not a file. */
  readText(path: string): Promise<string | undefined>;
  /** Entries of a directory, or undefined when it does not exist. */
  readDirectory(path: string): Promise<DirectoryEntry[] | undefined>;
  /** Size in bytes, or undefined when the file does not exist. */
  fileSize?(path: string): Promise<number | undefined>;
}

export function posixDirname(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
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

/** Path of `path` relative to `root`, or undefined when it is not inside it. */
export function posixRelative(root: string, path: string): string | undefined {
  const base = root.endsWith('/') ? root : `${root}/`;
  if (path === root) return '';
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}
