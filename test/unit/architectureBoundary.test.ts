import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  node: ['core', 'node'],
  cli: ['core', 'node', 'cli'],
  shared: ['core', 'shared'],
  webview: ['shared', 'webview'],
  extension: ['core', 'shared', 'node', 'extension'],
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
    assert.deepEqual(
      offenders.map((file) => relative(repoRoot, file)),
      [],
    );
  });

  it('each layer imports only the layers below it (core ← node ← cli, extension; shared ← webview)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(resolve(dirname(file), spec));
        if (!(ALLOWED[layer] ?? []).includes(target))
          violations.push(`${relative(repoRoot, file)} → ${spec} (${layer} may not import ${target})`);
      }
    }
    assert.deepEqual(violations, []);
  });
});

/** The module a relative import names (`./x` → x.ts or x/index.ts), or undefined for a package or a non-TypeScript file. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/**
 * The import loops among `files` (strongly connected components of two or more modules, Tarjan's
 * algorithm). Type-only imports count: a loop of types still means neither module can be read,
 * changed or moved without the other (the features.ts loop was one).
 */
function importLoops(files: readonly string[], importsOfFile: (file: string) => string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOfFile(file)]));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (module: string): void => {
    order.set(module, order.size);
    low.set(module, order.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(module, Math.min(low.get(module)!, order.get(next)!));
      }
    }
    if (low.get(module) !== order.get(module)) return;
    const loop: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      loop.push(member);
    } while (member !== module);
    if (loop.length > 1) loops.push(loop.sort());
  };
  for (const file of files) if (!order.has(file)) visit(file);
  return loops;
}

describe('architecture: no import loops in src/', () => {
  it('finds a loop when there is one (the check itself)', () => {
    const graph: Record<string, string[]> = {
      features: ['statusBar', 'stageService'],
      statusBar: ['features'],
      stageService: [],
      a: ['b'],
      b: ['c'],
      c: ['a'],
    };
    assert.deepEqual(
      importLoops(Object.keys(graph), (file) => graph[file]),
      [
        ['features', 'statusBar'],
        ['a', 'b', 'c'],
      ],
    );
  });

  it('no module of src/ imports itself back through others, types included', () => {
    const files = sourceFiles(src).filter((file) => !file.endsWith('.d.ts'));
    const loops = importLoops(files, (file) => importsOf(file).flatMap((spec) => resolveImport(file, spec) ?? []));
    assert.deepEqual(
      loops.map((loop) => loop.map((file) => relative(repoRoot, file)).join(' → ')),
      [],
    );
  });
});
