import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/**
 * The shipped data files (`data/matrix.yml`, `data/signals.yml`, `data/rules/*.yml`) parsed at
 * build time: scripts/build.mjs embeds them in the bundles under this name, as an object mapping
 * each file to a string of its JSON. Parsing the YAML at run time costs a cold process ~300 ms
 * in one synchronous stretch, right in the first workspace scan; JSON.parse of the same data
 * takes a few milliseconds, and only for the files a process reads (the extension's start-up
 * never parses the evidence signals). Running from source (unit tests, tsx) the name is not
 * defined and the YAML files are read instead.
 */
declare const __STAGE_GUIDE_SHIPPED_DATA__: Record<string, string>;

let cachedDir: string | undefined;
let embedded: Record<string, string> | null | undefined;
const parsed = new Map<string, unknown>();

/**
 * The extension's own `data/` folder. Found by walking up from this module,
 * because the same code runs from `src/` (unit tests), `dist/` (bundles) and
 * an installed extension folder.
 */
export function builtinDataDir(): string {
  if (cachedDir) return cachedDir;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'data', 'matrix.yml');
    if (existsSync(candidate)) {
      cachedDir = join(dir, 'data');
      return cachedDir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Stage Guide: data/matrix.yml not found above ${__dirname}`);
    dir = parent;
  }
}

/** The parsed content of a shipped data file, e.g. `matrix.yml` or `rules/dockerfile.yml`: embedded in a bundle, else read from `data/`. */
export function readShippedData(relativePath: string): unknown {
  const prebuilt = embeddedData();
  if (prebuilt) {
    if (!Object.prototype.hasOwnProperty.call(prebuilt, relativePath)) throw new Error(`Stage Guide: data/${relativePath} was not embedded by the build`);
    if (!parsed.has(relativePath)) parsed.set(relativePath, JSON.parse(prebuilt[relativePath]));
    return parsed.get(relativePath);
  }
  return parse(readFileSync(join(builtinDataDir(), relativePath), 'utf8'));
}

/** The names of the shipped `*.yml` files in a data folder (e.g. `rules`), sorted. */
export function shippedDataFiles(folder: string): string[] {
  const prebuilt = embeddedData();
  const names = prebuilt
    ? Object.keys(prebuilt).filter((key) => key.startsWith(`${folder}/`)).map((key) => key.slice(folder.length + 1))
    : readdirSync(join(builtinDataDir(), folder)).filter((name) => name.endsWith('.yml'));
  return names.sort();
}

function embeddedData(): Record<string, string> | null {
  if (embedded === undefined) {
    // One reference only: the bundler pastes the whole literal wherever the name appears.
    try {
      embedded = __STAGE_GUIDE_SHIPPED_DATA__;
    } catch {
      embedded = null; // Not bundled: the name is not defined.
    }
  }
  return embedded;
}
