import { Minimatch } from 'minimatch';

/**
 * Which files a scan keeps: the union of what the readers parse and what the
 * signal catalogue asks to see by name. A scan looks at every entry, so this
 * test must be cheap: exact basenames are a set lookup, the rest is one
 * combined regular expression per kind.
 */
export interface RelevanceSpec {
  /** Exact file names ("package.json", "CODEOWNERS"). */
  basenames?: readonly string[];
  /** Globs on the file name alone ("requirements*.txt", "*.tf"). */
  basenameGlobs?: readonly string[];
  /** Globs on the path relative to the scan root ("**\/migrations/**"). */
  pathGlobs?: readonly string[];
}

export class Relevance {
  private readonly basenames = new Set<string>();
  private readonly basenamePattern: RegExp | undefined;
  private readonly pathPattern: RegExp | undefined;

  constructor(specs: readonly RelevanceSpec[]) {
    const basenameSources: string[] = [];
    const pathSources: string[] = [];
    for (const spec of specs) {
      for (const name of spec.basenames ?? []) this.basenames.add(name);
      for (const glob of spec.basenameGlobs ?? []) basenameSources.push(globSource(glob));
      for (const glob of spec.pathGlobs ?? []) pathSources.push(globSource(glob));
    }
    this.basenamePattern = combine(basenameSources);
    this.pathPattern = combine(pathSources);
  }

  test(relative: string, basename: string): boolean {
    if (this.basenames.has(basename)) return true;
    if (this.basenamePattern?.test(basename)) return true;
    return this.pathPattern?.test(relative) ?? false;
  }
}

/** A glob as a regular expression source (minimatch's translation, anchored), or a never-matching one. */
export function globSource(glob: string): string {
  const regex = new Minimatch(glob, { dot: true }).makeRe();
  return regex ? regex.source : '(?!)';
}

function combine(sources: string[]): RegExp | undefined {
  if (sources.length === 0) return undefined;
  return new RegExp(sources.map((source) => `(?:${source})`).join('|'));
}

/** A glob test for data (catalogue `files:`): a glob without "/" matches the file name anywhere. */
export function compileFileGlob(glob: string): (relative: string, basename: string) => boolean {
  const regex = new RegExp(globSource(glob));
  return glob.includes('/') ? (relative) => regex.test(relative) : (_relative, basename) => regex.test(basename);
}
