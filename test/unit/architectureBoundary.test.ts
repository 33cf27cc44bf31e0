import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const repoRoot = resolve(__dirname, '..', '..');
const src = join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports, as written (read by the TypeScript scanner, not a regex). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((ref) => ref.fileName);
}

/** Layers: what each folder of src/ may import from the others. */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  cli: ['core', 'cli'],
  shared: ['core', 'shared'],
  webview: ['shared', 'webview'],
  extension: ['core', 'shared', 'extension'],
};

function layerOf(path: string): string {
  return relative(src, path).split(/[\\/]/)[0];
}

describe('architecture: the vscode-free core', () => {
  const files = sourceFiles(src);

  it('finds the source files', () => {
    assert.ok(files.filter((file) => layerOf(file) === 'core').length > 50);
  });

  it('only the extension imports "vscode"', () => {
    const offenders = files.filter((file) => layerOf(file) !== 'extension' && importsOf(file).includes('vscode'));
    assert.deepEqual(offenders.map((file) => relative(repoRoot, file)), []);
  });

  it('each layer imports only the layers below it (core ← cli, extension; shared ← webview)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(resolve(dirname(file), spec));
        if (!(ALLOWED[layer] ?? []).includes(target)) violations.push(`${relative(repoRoot, file)} → ${spec} (${layer} may not import ${target})`);
      }
    }
    assert.deepEqual(violations, []);
  });
});
