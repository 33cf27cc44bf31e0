// Lays out the extension as it ships (the top-level entries that .vscodeignore's allowlist
// keeps) in a clean folder of symlinks back into the repository, for code-server to load.
//
// Why not load the repository root directly: with the repository as the extension folder,
// code-server's workbench also walks everything else in it (node_modules, and .vscode-test
// with code-server itself), and the built-in theme then fails to load. A staged folder holds
// only what the packaged extension holds, and the symlinks keep it current with each build.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Top-level names that the `!` (keep) lines of an allowlist-style .vscodeignore name. */
export function packagedTopLevelEntries(vscodeignore: string): string[] {
  const names = vscodeignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map(
      (line) =>
        line
          .slice(1)
          .replace(/^\.?\//, '')
          .split('/')[0],
    )
    .filter((name) => name.length > 0 && !name.includes('*'));
  return [...new Set(names)];
}

/**
 * Creates `<parentDir>/<publisher>.<name>-<version>/` with a symlink for each packaged
 * top-level entry of `sourceDir` that exists, and returns that folder.
 */
export function stageExtension(sourceDir: string, parentDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const ignoreFile = path.join(sourceDir, '.vscodeignore');
  if (!fs.existsSync(ignoreFile)) throw new Error(`${ignoreFile} is missing: it lists what the extension ships`);
  const target = path.join(parentDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.mkdirSync(target, { recursive: true });
  for (const name of packagedTopLevelEntries(fs.readFileSync(ignoreFile, 'utf8'))) {
    const source = path.join(sourceDir, name);
    if (fs.existsSync(source)) fs.symlinkSync(source, path.join(target, name));
  }
  if (!fs.existsSync(path.join(target, 'package.json'))) throw new Error('.vscodeignore does not keep package.json');
  return target;
}
