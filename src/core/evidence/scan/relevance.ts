/**
 * Which files a scan keeps: the union of what the readers parse and what the
 * signal catalogue asks to see by name. A scan tests every entry of the
 * workspace, so the test must be cheap: exact names are a set lookup, and a
 * glob's regular expression runs only when the path contains the glob's
 * longest literal part ("migrations/", ".tf").
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
  /** "*.tf", "*.yml": a lookup of the text after the last dot. */
  private readonly extensions = new Set<string>();
  private readonly basenameGlobs: GlobTest[];
  private readonly pathGlobs: GlobTest[];

  constructor(specs: readonly RelevanceSpec[]) {
    const wildcardNames: string[] = [];
    for (const spec of specs) {
      for (const name of spec.basenames ?? []) this.basenames.add(name);
      for (const glob of spec.basenameGlobs ?? []) {
        if (!hasWildcard(glob)) this.basenames.add(glob);
        else if (/^\*\.[^*?[\]{}./]+$/.test(glob)) this.extensions.add(glob.slice(2));
        else wildcardNames.push(glob);
      }
    }
    this.basenameGlobs = unique(wildcardNames).map(globTest);
    this.pathGlobs = unique(specs.flatMap((spec) => spec.pathGlobs ?? [])).map(globTest);
  }

  test(relative: string, basename: string): boolean {
    if (this.basenames.has(basename)) return true;
    const dot = basename.lastIndexOf('.');
    if (dot >= 0 && this.extensions.has(basename.slice(dot + 1))) return true;
    for (const glob of this.basenameGlobs) if (glob.test(basename)) return true;
    for (const glob of this.pathGlobs) if (glob.test(relative)) return true;
    return false;
  }
}

export function hasWildcard(glob: string): boolean {
  return /[*?[\]{}]/.test(glob);
}

/** A compiled glob with a cheap literal pre-check. */
export interface GlobTest {
  glob: string;
  test(text: string): boolean;
}

const globTests = new Map<string, GlobTest>();

export function globTest(glob: string): GlobTest {
  let cached = globTests.get(glob);
  if (!cached) {
    const regex = globToRegExp(glob);
    const hint = literalHint(glob);
    cached = { glob, test: hint === '' ? (text) => regex.test(text) : (text) => text.includes(hint) && regex.test(text) };
    globTests.set(glob, cached);
  }
  return cached;
}

/**
 * A glob as a regular expression, for the globs of our own data (signals and
 * readers): `**\/` any folders (or none), `*` and `?` within one path segment,
 * `{a,b}` alternatives, `[…]` classes; dot files match like any other. Paths
 * here are relative and never contain "." or ".." segments, so the guards a
 * general-purpose matcher adds for them (and their cost on every workspace
 * entry) are not needed.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /(?!)/;
  }
}

/**
 * The longest run of plain characters every match must contain. A leading
 * "/" is dropped ("**\/" may match nothing), and nothing is taken from inside
 * braces, whose alternatives are not all required.
 */
export function literalHint(glob: string): string {
  const outsideBraces = glob.replace(/\{[^}]*\}/g, '*');
  const pieces = outsideBraces.split(/[*?[\]]+/).map((piece) => piece.replace(/^\/+/, ''));
  return pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

/** A glob test for data (catalogue `files:`): a glob without "/" matches the file name anywhere. */
export function compileFileGlob(glob: string): (relative: string, basename: string) => boolean {
  const test = globTest(glob);
  return glob.includes('/') ? (relative) => test.test(relative) : (_relative, basename) => test.test(basename);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
