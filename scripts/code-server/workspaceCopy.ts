// Editor tests open a throwaway copy of their fixture workspace, never the fixture itself:
// suites create and delete files in the open workspace, and a run that is cut off (deadline,
// Ctrl-C) must not leave the repository's fixtures changed.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Copies what `target` needs into `intoDir` and returns the copy's path: a folder is copied
 * as itself; a `.code-workspace` file brings its whole folder along, since its roots are
 * relative to it.
 */
export function copyWorkspace(target: string, intoDir: string): string {
  const isWorkspaceFile = target.endsWith('.code-workspace');
  const source = isWorkspaceFile ? path.dirname(target) : target;
  const copy = path.join(intoDir, path.basename(source));
  if (!fs.existsSync(copy)) fs.cpSync(source, copy, { recursive: true });
  return isWorkspaceFile ? path.join(copy, path.basename(target)) : copy;
}
