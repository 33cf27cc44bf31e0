import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `text` formatted as `npm run format` would format a file at `path` (relative to `root`): the generated
 * sources (rule registries) are written already formatted, so the format check never flags them. Biome
 * reads the project's biome.json for the path given, through its command line (it has no JavaScript API
 * without a second, WebAssembly package).
 */
export function formatSource(root: string, path: string, text: string): string {
  const biome = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'biome.cmd' : 'biome');
  const run = spawnSync(biome, ['format', `--stdin-file-path=${path}`], {
    cwd: root,
    input: text,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`biome could not format ${path}:\n${run.stderr || run.stdout}`);
  return run.stdout;
}
