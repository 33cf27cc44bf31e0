import type { CoreFileSystem } from '../core/fileSystem';
import { posixJoin } from '../core/fileSystem';
import { STAGE_FILE_NAME } from '../core/workspace/stageResolution';

/** Folders never worth descending into when looking for `.stage.yml` files. */
const SKIPPED = new Set(['node_modules', '.git', 'vendor', 'dist', 'build', 'out', 'target', '.venv', 'venv', '__pycache__', '.vscode-test']);

/** Every `.stage.yml` at or below `dir` (monorepo services), breadth-first, bounded. */
export async function findNestedStageFiles(fs: CoreFileSystem, dir: string, maxFolders = 20000): Promise<string[]> {
  const found: string[] = [];
  const queue = [dir];
  let visited = 0;
  while (queue.length > 0 && visited < maxFolders) {
    const current = queue.shift()!;
    visited++;
    const entries = await fs.readDirectory(current);
    for (const entry of entries ?? []) {
      if (entry.kind === 'file' && entry.name === STAGE_FILE_NAME) found.push(posixJoin(current, entry.name));
      else if (entry.kind === 'directory' && !SKIPPED.has(entry.name)) queue.push(posixJoin(current, entry.name));
    }
  }
  return found.sort();
}
