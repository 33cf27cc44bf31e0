// The shipped data files, parsed once at build time and embedded in the node bundles (see
// src/core/shippedData.ts, which reads them back): a cold extension host or CLI then never spends
// ~300 ms parsing YAML in one synchronous stretch. data/ stays the source of truth; this is
// only its parsed form, regenerated on every build.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** Relative paths under data/ that the core reads through readShippedData(). */
export function shippedDataPaths(root) {
  const rules = fs
    .readdirSync(path.join(root, 'data', 'rules'))
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => `rules/${name}`);
  return [
    'matrix.yml',
    'signals.yml',
    'deployment.yml',
    'end-of-life.yml',
    'github-actions-deprecated.yml',
    'kubernetes-apis.yml',
    'terraform-registry-modules.yml',
    ...rules,
  ];
}

/** `{ "<relative path>": <parsed content> }` for every shipped data file; a file that does not parse fails the build. */
export function shippedData(root) {
  const data = {};
  for (const relative of shippedDataPaths(root)) {
    const file = path.join(root, 'data', relative);
    try {
      data[relative] = parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`data/${relative}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return data;
}

/**
 * The esbuild `define` that embeds it: the identifier becomes an object literal mapping each
 * file to a string holding its JSON, so a process parses only the files it reads (the extension
 * reads the matrix and rules at start-up, the evidence signals only with its first scan).
 */
export function shippedDataDefine(root) {
  const sources = Object.fromEntries(Object.entries(shippedData(root)).map(([relative, value]) => [relative, JSON.stringify(value)]));
  return { __STAGE_GUIDE_SHIPPED_DATA__: JSON.stringify(sources) };
}
