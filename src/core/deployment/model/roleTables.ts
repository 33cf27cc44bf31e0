import { memoizedByText } from '../../memoizedByText';
import { readShippedData } from '../../shippedData';

/** data/deployment.yml: the tables roles are decided from. */
export interface RoleTables {
  statefulImages: readonly string[];
  testImages: readonly string[];
  toolingImages: readonly string[];
  oneShotNameWords: ReadonlySet<string>;
  testNameWords: ReadonlySet<string>;
  statefulNameEndings: ReadonlySet<string>;
  testFolders: ReadonlySet<string>;
  devFolders: ReadonlySet<string>;
  toolingFolders: ReadonlySet<string>;
  testFileWords: ReadonlySet<string>;
  devFileWords: ReadonlySet<string>;
  nonRootImages: readonly string[];
  privilegeDroppingImages: readonly string[];
}

let cached: RoleTables | undefined;

export function roleTables(): RoleTables {
  if (cached) return cached;
  const raw = readShippedData('deployment.yml') as Record<string, unknown>;
  const list = (key: string): string[] => {
    const value = raw[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      throw new Error(`data/deployment.yml: ${key} must be a list of strings`);
    return value.map((item) => item.toLowerCase());
  };
  cached = {
    statefulImages: list('statefulImages'),
    testImages: list('testImages'),
    toolingImages: list('toolingImages'),
    oneShotNameWords: new Set(list('oneShotNameWords')),
    testNameWords: new Set(list('testNameWords')),
    statefulNameEndings: new Set(list('statefulNameEndings')),
    testFolders: new Set(list('testFolders')),
    devFolders: new Set(list('devFolders')),
    toolingFolders: new Set(list('toolingFolders')),
    testFileWords: new Set(list('testFileWords')),
    devFileWords: new Set(list('devFileWords')),
    nonRootImages: list('nonRootImages'),
    privilegeDroppingImages: list('privilegeDroppingImages'),
  };
  return cached;
}

/**
 * The image's repository path without registry, tag or digest, lower-cased:
 * `docker.io/library/postgres:16` → `postgres`, `ghcr.io/org/api@sha256:…` → `org/api`.
 */
export function imageRepository(image: string): string {
  return repositoryByText(image);
}

/** Asked for each image by several rules and tables, again on every edit in the editor: read once per text. */
const repositoryByText = memoizedByText(readImageRepository, 4096);

function readImageRepository(image: string): string {
  let name = image.trim().toLowerCase();
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  const parts = name.split('/');
  // A first part with a dot or a port, or `localhost`, is a registry.
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return parts.join('/');
}

/**
 * True when the image's repository path ends with one of `entries` (whole path segments); an entry
 * `org/*` matches every image whose path has the segment `org` right before its last one.
 */
export function imageListed(image: string, entries: readonly string[]): boolean {
  const repository = imageRepository(image);
  return entries.some((entry) => {
    if (entry.endsWith('/*')) {
      const parts = repository.split('/');
      return parts.length > 1 && parts[parts.length - 2] === entry.slice(0, -2);
    }
    // `repository.endsWith('/' + entry)` without making that string: every service asks about each entry of a table.
    const before = repository.length - entry.length - 1;
    return repository === entry || (before >= 0 && repository[before] === '/' && repository.endsWith(entry));
  });
}

/** The name words of a name with each pair of adjacent words joined too (`load-gen` → load, gen, loadgen). */
function wordsAndPairs(name: string): string[] {
  const words = nameWords(name);
  return [...words, ...words.slice(1).map((word, i) => `${words[i]}${word}`)];
}

export { wordsAndPairs };

/** The words of a name split at `-`, `_`, `.` and `/`, lower-cased. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_./]+/)
    .filter((word) => word.length > 0);
}
