import { relative } from 'node:path';
import { fromCorePath } from '../nodeFileSystem';

/** A core path as the user reads it: relative to the current folder, like compilers print. */
export function displayPath(cwd: string, corePath: string): string {
  return relative(cwd, fromCorePath(corePath)) || '.';
}
