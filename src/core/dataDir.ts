import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The extension's own `data/` folder. Found by walking up from this module,
 * because the same code runs from `src/` (unit tests), `dist/` (bundles) and
 * an installed extension folder.
 */
export function builtinDataDir(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'data', 'matrix.yml');
    if (existsSync(candidate)) {
      cached = join(dir, 'data');
      return cached;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Stage Guide: data/matrix.yml not found above ${__dirname}`);
    dir = parent;
  }
}
