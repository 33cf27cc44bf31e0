/**
 * The shipped data files (`data/matrix.yml`, `data/signals.yml`, `data/rules/*.yml`), handed to the
 * core from outside: the core never touches the disk itself, so it runs unchanged in the extension
 * host, the CLI, the GitHub Action and plain-node unit tests.
 *
 * - Bundles: scripts/build.mjs parses the YAML at build time and embeds it under
 *   `__STAGE_GUIDE_SHIPPED_DATA__`, an object mapping each file to a string of its JSON. Parsing the
 *   YAML at run time costs a cold process ~300 ms in one synchronous stretch; JSON.parse of the same
 *   data takes a few milliseconds, and only for the files a process reads.
 * - Running from source (unit tests, tsx scripts, `tsx src/cli/main.ts`) the name is not defined:
 *   a node adapter registers a source that reads data/ (src/cli/sourceShippedData.ts).
 */
declare const __STAGE_GUIDE_SHIPPED_DATA__: Record<string, string>;

/** Where the shipped data comes from when it was not embedded by the build. */
export interface ShippedDataSource {
  /** The parsed content of `relativePath` under data/, e.g. `rules/dockerfile.yml`. */
  read(relativePath: string): unknown;
  /** The names of the `*.yml` files in a data folder (e.g. `rules`), in any order. */
  list(folder: string): string[];
}

let registered: ShippedDataSource | undefined;
let embedded: Record<string, string> | null | undefined;
const parsed = new Map<string, unknown>();

/** Installs the source used when the data is not embedded (running from source). The embedded data always wins. */
export function registerShippedDataSource(source: ShippedDataSource): void {
  registered = source;
}

/** The parsed content of a shipped data file, e.g. `matrix.yml` or `rules/dockerfile.yml`: embedded in a bundle, else from the registered source. */
export function readShippedData(relativePath: string): unknown {
  const prebuilt = embeddedData();
  if (prebuilt) {
    if (!Object.prototype.hasOwnProperty.call(prebuilt, relativePath))
      throw new Error(`Stage Guide: data/${relativePath} was not embedded by the build`);
    if (!parsed.has(relativePath)) parsed.set(relativePath, JSON.parse(prebuilt[relativePath]));
    return parsed.get(relativePath);
  }
  return sourceOrThrow().read(relativePath);
}

/** The names of the shipped `*.yml` files in a data folder (e.g. `rules`), sorted. */
export function shippedDataFiles(folder: string): string[] {
  const prebuilt = embeddedData();
  const names = prebuilt
    ? Object.keys(prebuilt)
        .filter((key) => key.startsWith(`${folder}/`))
        .map((key) => key.slice(folder.length + 1))
    : sourceOrThrow()
        .list(folder)
        .filter((name) => name.endsWith('.yml'));
  return names.sort();
}

function sourceOrThrow(): ShippedDataSource {
  if (!registered) {
    throw new Error(
      'Stage Guide: the shipped data is neither embedded (bundles) nor given by a registered source (running from source: import src/cli/sourceShippedData.ts first)',
    );
  }
  return registered;
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
