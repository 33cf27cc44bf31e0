import { compileLinearGlob, linearGlobProblem, withoutTrailingSlashes } from '../glob/linearGlob';
import type { LinearGlob } from '../glob/linearGlob';

/** Why a glob from `.stage.yml` is unusable, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim().length === 0) return 'A path glob must not be empty.';
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) return `"${glob}" is absolute; globs are relative to the .stage.yml folder.`;
  if (glob.split('/').includes('..')) return `"${glob}" leaves the .stage.yml folder ("..").`;
  const problem = linearGlobProblem(glob);
  if (problem) return `"${glob.length > 120 ? `${glob.slice(0, 120)}…` : glob}" is not a usable glob: ${problem}.`;
  return undefined;
}

/** Whether a path relative to the .stage.yml folder matches a glob; "dir/" and "dir" also cover everything below. */
export function globMatches(relativePath: string, glob: string): boolean {
  return stageGlob(glob).match(relativePath);
}

/**
 * A `.stage.yml` glob compiled once. Matched with the linear matcher, never
 * a regular expression: the glob is repository text (see linearGlob.ts).
 */
export function stageGlob(glob: string): LinearGlob {
  let compiled = compiledGlobs.get(glob);
  if (!compiled) {
    const own = compileLinearGlob(glob, { matchBase: true });
    const below = compileLinearGlob(`${withoutTrailingSlashes(glob)}/**`);
    compiled = { pattern: glob, match: (path) => own.match(path) || below.match(path) };
    if (compiledGlobs.size > 1000) compiledGlobs.clear();
    compiledGlobs.set(glob, compiled);
  }
  return compiled;
}

const compiledGlobs = new Map<string, LinearGlob>();
