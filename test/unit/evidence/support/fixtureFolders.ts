import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Fixture workspaces on disk: each folder of test/fixtures/evidence and test/fixtures/workspaces. */
export function fixtureFolders(): string[] {
  const base = join(__dirname, '..', '..', '..', 'fixtures');
  const folders: string[] = [];
  for (const group of ['evidence', join('evidence', 'verdicts'), 'workspaces']) {
    for (const name of readdirSync(join(base, group))) {
      const path = join(base, group, name);
      if (statSync(path).isDirectory() && name !== 'verdicts' && name !== 'golden') folders.push(path);
    }
  }
  return folders;
}
