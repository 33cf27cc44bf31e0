import { compileLinearGlob } from '../../glob/linearGlob';

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
  /**
   * A cheap test of the file name, for names globs cannot say: the format
   * layer's classifier takes Dockerfiles and YAML in any case ("dockerfile.DEV").
   */
  basenameTest?(basename: string): boolean;
}

export class Relevance {
  private readonly basenames = new Set<string>();
  /** Globs that can only match files with one of a few extensions, by extension ("*.test.ts" under "ts"). */
  private readonly byExtension = new Map<string, Array<{ test: GlobTest; onPath: boolean }>>();
  /** Globs that may match any extension ("Dockerfile.*", "**\/migrations/**"). */
  private readonly anyExtension: Array<{ test: GlobTest; onPath: boolean }> = [];
  private readonly basenameTests: Array<(basename: string) => boolean> = [];

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
      if (spec.basenameTest) this.basenameTests.push(spec.basenameTest);
    }
  }

  test(relative: string, basename: string): boolean {
    if (this.basenames.has(basename)) return true;
    const dot = basename.lastIndexOf('.');
    const candidates = dot >= 0 ? this.byExtension.get(basename.slice(dot + 1)) : undefined;
    for (const { test, onPath } of candidates ?? []) if (test.test(onPath ? relative : basename)) return true;
    for (const { test, onPath } of this.anyExtension) if (test.test(onPath ? relative : basename)) return true;
    return this.basenameTests.some((test) => test(basename));
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
    const matches = compileDataGlob(glob);
    const hint = literalHint(glob);
    cached = { glob, test: hint === '' ? matches : (text) => text.includes(hint) && matches(text) };
    globTests.set(glob, cached);
  }
  return cached;
}

/**
 * A glob of our own data (signals and readers) as a test: `**\/` any folders
 * (or none), `*` and `?` within one path segment, `{a,b}` alternatives,
 * `[…]` classes; dot files match like any other. Matched by the linear glob
 * matcher: compiled into a regular expression, `**\/k6/**\/*.js` backtracks
 * polynomially on a long path of repeated "/k6/" segments.
 */
export function compileDataGlob(glob: string): (text: string) => boolean {
  const compiled = compileLinearGlob(glob);
  return (text) => compiled.match(text);
}

/**
 * The longest run of plain characters every match must contain. A leading
 * "/" is dropped ("**\/" may match nothing), and nothing is taken from inside
 * braces, whose alternatives are not all required.
 */
export function literalHint(glob: string): string {
  const outsideBraces = glob.replace(/\{[^{}]*\}/g, '*');
  const pieces = outsideBraces.split(/[*?[\]]+/).map((piece) => piece.replace(/^\/+/, ''));
  return pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

/** A glob test for data (catalogue `files:`): a glob without "/" matches the file name anywhere. */
export function compileFileGlob(glob: string): (relative: string, basename: string) => boolean {
  const test = globTest(glob);
  return glob.includes('/') ? (relative) => test.test(relative) : (_relative, basename) => test.test(basename);
}
