import type { CoreFileSystem } from '../../fileSystem';
import { posixBasename, posixDirname, posixRelative } from '../../fileSystem';
import { STAGE_FILE_NAME } from '../../workspace/stageResolution';
import { mayBeInheritedBy } from './inheritedFiles';
import { NEVER_DESCEND } from './neverDescend';
import type { Relevance } from './relevance';
import type { WalkResult } from './scopeWalker';

/** What a scope's last walk found, to tell what a list of changed paths means for it. */
export interface WalkedScope {
  root: string;
  workspaceRoot: string;
  walk: WalkResult;
  /** The paths of walk.files. */
  walkedFiles: ReadonlySet<string>;
  /** The repository-level files it inherited (inheritedFiles.ts). */
  inherited: ReadonlySet<string>;
}

/**
 * What changed paths (the editor's file watcher reports them) mean for one scope:
 * - 'unchanged': none of them is the scope's business (another service's file, an irrelevant file);
 * - 'rewalk': the set of files the scope holds may have changed (a file created or deleted, a folder, a
 *   `.gitignore`, a `.stage.yml`): walk it again and check every file's modification time;
 * - otherwise the walk stands, and only the `modified` files (and the inherited ones, when `inherited`)
 *   need reading again.
 * Every doubt answers 'rewalk': that costs time, never a stale result.
 */
export type ScopeChanges = 'unchanged' | 'rewalk' | { modified: Set<string>; inherited: boolean };

export async function scopeChanges(
  scope: WalkedScope,
  changed: readonly string[],
  fs: CoreFileSystem,
  relevance: Relevance,
): Promise<ScopeChanges> {
  const modified = new Set<string>();
  let inherited = false;
  for (const path of new Set(changed)) {
    const verdict = await pathChange(scope, path, fs, relevance);
    if (verdict === 'rewalk') return 'rewalk';
    if (verdict === 'modified') modified.add(path);
    else if (verdict === 'inherited') inherited = true;
  }
  return modified.size === 0 && !inherited ? 'unchanged' : { modified, inherited };
}

async function pathChange(
  scope: WalkedScope,
  path: string,
  fs: CoreFileSystem,
  relevance: Relevance,
): Promise<'none' | 'modified' | 'inherited' | 'rewalk'> {
  const { root, walk } = scope;
  const name = posixBasename(path);
  const relative = posixRelative(root, path);
  if (relative === undefined) {
    // Above the scope: a folder that holds it, a `.gitignore` that applies to it, or a file it inherits.
    if (posixRelative(path, root) !== undefined) return 'rewalk';
    if (name === '.gitignore' && posixRelative(posixDirname(path), root) !== undefined) return 'rewalk';
    return scope.inherited.has(path) || mayBeInheritedBy(path, root, scope.workspaceRoot) ? 'inherited' : 'none';
  }
  if (relative === '' || name === '.gitignore') return 'rewalk';
  for (const nested of walk.nestedScopes) {
    // Another service's business, unless it is the `.stage.yml` that makes it one, or a folder that holds it.
    if (path === `${nested}/${STAGE_FILE_NAME}` || posixRelative(path, nested) !== undefined) return 'rewalk';
    if (posixRelative(nested, path) !== undefined) return 'none';
  }
  if (name === STAGE_FILE_NAME) return 'rewalk';
  // Dependencies and build output are never walked (`npm install` touches thousands of files there).
  if (
    relative
      .split('/')
      .slice(0, -1)
      .some((segment) => NEVER_DESCEND.has(segment))
  )
    return 'none';
  const facts = await fs.stat(path);
  if (scope.walkedFiles.has(path)) return facts?.kind === 'file' && !facts.symlink ? 'modified' : 'rewalk';
  if (walk.skipped.some((skipped) => skipped.path === path)) return 'rewalk';
  if (facts === undefined) {
    // Gone: a folder the walk went into, or a file it never kept (then nothing changes).
    const below = `${path}/`;
    for (const walked of scope.walkedFiles) if (walked.startsWith(below)) return 'rewalk';
    return 'none';
  }
  // A file the walk would not keep (a source file, a README): saving it changes no evidence.
  if (facts.kind === 'file' && !facts.symlink && !relevance.test(relative, name)) return 'none';
  return 'rewalk';
}
