import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { registerShippedDataSource } from '../core/shippedData';
import type { ShippedDataSource } from '../core/shippedData';

/**
 * The node reader of the shipped data/ folder, for runs from source (unit tests through
 * test/unit/setup/shippedData.ts, tsx scripts, `tsx src/cli/main.ts`). The bundles carry the
 * data embedded at build time and never call it; importing this module registers it.
 */

let cachedDir: string | undefined;

/**
 * The project's own `data/` folder. Found by walking up from this module, because the same
 * code runs from `src/` and from a bundle in `dist/`.
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

/** data/ read from disk, each file's YAML parsed at each read. */
export const dataFolderSource: ShippedDataSource = {
  read: (relativePath) => parse(readFileSync(join(builtinDataDir(), relativePath), 'utf8')),
  list: (folder) => readdirSync(join(builtinDataDir(), folder)),
};

registerShippedDataSource(dataFolderSource);
