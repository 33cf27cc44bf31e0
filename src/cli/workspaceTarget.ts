import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { resolveGoverning } from '../core/workspace/stageResolution';
import type { Governing } from '../core/workspace/stageResolution';
import { ruleCatalogIds } from './ruleIds';
import { nodeFileSystem, toCorePath } from './nodeFileSystem';
import type { CommandContext } from './command';
import { UsageError } from './command';

export interface Target {
  /** The folder the command is about (core POSIX path). */
  dir: string;
  /** The workspace root stage resolution stops at: --root, else the nearest folder with .git, else `dir`. */
  root: string;
  governing: Governing;
}

export async function resolveTarget(context: CommandContext, dirArg: string | undefined): Promise<Target> {
  const nativeDir = resolve(context.cwd, dirArg ?? '.');
  if (!existsSync(nativeDir) || !statSync(nativeDir).isDirectory()) throw new UsageError(`Not a folder: ${dirArg ?? nativeDir}`);
  const rootOption = context.values.root;
  const nativeRoot = typeof rootOption === 'string' ? resolve(context.cwd, rootOption) : (repositoryRoot(nativeDir) ?? nativeDir);
  if (typeof rootOption === 'string' && (!existsSync(nativeRoot) || !statSync(nativeRoot).isDirectory()))
    throw new UsageError(`--root: not a folder: ${rootOption}`);
  const dir = toCorePath(nativeDir);
  const root = toCorePath(nativeRoot);
  const governing = await resolveGoverning(nodeFileSystem, dir, root, { today: context.today, knownRuleIds: ruleCatalogIds() });
  return { dir, root, governing };
}

/** The nearest folder at or above `dir` that holds `.git`: the CLI's notion of a workspace folder. */
function repositoryRoot(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export const ROOT_OPTION = { root: { type: 'string' as const } };
export const JSON_OPTION = { json: { type: 'boolean' as const } };
