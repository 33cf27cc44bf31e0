import type { CoreFileSystem } from '../core/fileSystem';
import { posixJoin } from '../core/fileSystem';
import { NEVER_DESCEND } from '../core/evidence/scan/neverDescend';
import { STAGE_FILE_NAME } from '../core/workspace/stageResolution';

export interface NestedStageFiles {
  paths: string[];
  /** The walk stopped at maxFolders: folders beyond it were not looked at (the caller must say so). */
  truncated: boolean;
  maxFolders: number;
}

/**
 * Every `.stage.yml` at or below `dir` (monorepo services), breadth-first, bounded. Anything named
 * `.stage.yml` counts, a FIFO or a folder too: loading it then says why it cannot be read.
 */
export async function findNestedStageFiles(fs: CoreFileSystem, dir: string, maxFolders = 20000): Promise<NestedStageFiles> {
  const found: string[] = [];
  const queue = [dir];
  let head = 0;
  while (head < queue.length && head < maxFolders) {
    const current = queue[head++];
    const entries = await fs.readDirectory(current);
    for (const entry of entries ?? []) {
      if (entry.name === STAGE_FILE_NAME) found.push(posixJoin(current, entry.name));
      else if (entry.kind === 'directory' && !NEVER_DESCEND.has(entry.name)) queue.push(posixJoin(current, entry.name));
    }
  }
  return { paths: found.sort(), truncated: head < queue.length, maxFolders };
}
