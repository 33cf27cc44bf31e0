import { minimatch, Minimatch } from 'minimatch';

/** Why a glob from `.stage.yml` is unusable, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim().length === 0) return 'A path glob must not be empty.';
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) return `"${glob}" is absolute; globs are relative to the .stage.yml folder.`;
  if (glob.split('/').includes('..')) return `"${glob}" leaves the .stage.yml folder ("..").`;
  if (new Minimatch(glob, { dot: true }).makeRe() === false) return `"${glob}" is not a valid glob.`;
  return undefined;
}

/** Whether a path relative to the .stage.yml folder matches a glob; "dir/" and "dir" also cover everything below. */
export function globMatches(relativePath: string, glob: string): boolean {
  const options = { dot: true, matchBase: !glob.includes('/') };
  if (minimatch(relativePath, glob, options)) return true;
  const folder = glob.replace(/\/+$/, '');
  return minimatch(relativePath, `${folder}/**`, { dot: true });
}
