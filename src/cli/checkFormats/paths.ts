import { relative } from 'node:path';
import { posixRelative } from '../../core/fileSystem';
import { fromCorePath } from '../nodeFileSystem';

/** A core path as the user reads it: relative to the current folder, like compilers print. */
export function displayPath(cwd: string, corePath: string): string {
  return relative(cwd, fromCorePath(corePath)) || '.';
}

/** A core path relative to the workspace root, with `/` separators (what CI tools resolve against the repository). */
export function rootRelativePath(workspaceRoot: string, corePath: string): string {
  return posixRelative(workspaceRoot, corePath) ?? corePath.replace(/^\/+/, '');
}

/**
 * A root-relative path as a URI reference: each segment percent-encoded
 * (`#`, `%`, `?`, `(`, spaces, non-ASCII), so `a b/#1.yml` stays one relative path.
 */
export function relativeUri(path: string): string {
  // encodeURIComponent keeps !'()*, which may end a Markdown link: those are encoded too.
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
