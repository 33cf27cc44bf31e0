import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const STAGE_GUIDE_VERSION: string | undefined;

/**
 * The package version `--version` and SARIF's `driver.version` report: the
 * bundler writes it in (scripts/build.mjs), and a run from source reads the
 * same package.json, so both say the same.
 */
export const VERSION: string = typeof STAGE_GUIDE_VERSION === 'string' ? STAGE_GUIDE_VERSION : sourceVersion();

function sourceVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'dev';
  } catch {
    return 'dev';
  }
}
