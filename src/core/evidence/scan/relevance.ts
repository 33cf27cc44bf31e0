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
  /** Globs that can only match files with one of a few extensions, by extension ("*.test.ts" under "ts"). */
  private readonly byExtension = new Map<string, Array<{ test: GlobTest; onPath: boolean }>>();
  /** Globs that may match any extension ("Dockerfile.*", "**\/migrations/**"). */
  private readonly anyExtension: Array<{ test: GlobTest; onPath: boolean }> = [];

  constructor(specs: readonly RelevanceSpec[]) {
    const seen = new Set<string>();
    const add = (glob: string, onPath: boolean) => {
      if (seen.has(`${onPath}:${glob}`)) return;
      seen.add(`${onPath}:${glob}`);
      if (!onPath && !hasWildcard(glob)) {
        this.basenames.add(glob);
        return;
      }
      const entry = { test: globTest(glob), onPath };
      const extensions = fixedExtensions(glob);
      if (!extensions) this.anyExtension.push(entry);
      for (const extension of extensions ?? []) {
        const list = this.byExtension.get(extension) ?? [];
        list.push(entry);
        this.byExtension.set(extension, list);
      }
    };
    for (const spec of specs) {
      for (const name of spec.basenames ?? []) this.basenames.add(name);
      for (const glob of spec.basenameGlobs ?? []) add(glob, false);
      for (const glob of spec.pathGlobs ?? []) add(glob, true);
    }
  }

  test(relative: string, basename: string): boolean {
    if (this.basenames.has(basename)) return true;
    const dot = basename.lastIndexOf('.');
    const candidates = dot >= 0 ? this.byExtension.get(basename.slice(dot + 1)) : undefined;
    for (const { test, onPath } of candidates ?? []) if (test.test(onPath ? relative : basename)) return true;
    for (const { test, onPath } of this.anyExtension) if (test.test(onPath ? relative : basename)) return true;
    return false;
  }
}

/** The extensions a glob's matches must end with ("*.test.ts" → ts, "*.{js,ts}" → js, ts), or undefined when any is possible. */
export function fixedExtensions(glob: string): string[] | undefined {
  const tail = glob.slice(glob.lastIndexOf('/') + 1);
  const plain = /\.([A-Za-z0-9_-]+)$/.exec(tail);
  if (plain) return [plain[1]];
  const braces = /\.\{([A-Za-z0-9_,-]+)\}$/.exec(tail);
  if (braces) return braces[1].split(',');
  return undefined;
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
