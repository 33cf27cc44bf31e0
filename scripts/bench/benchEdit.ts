import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The bench's one-file change, as a user's edit makes it: a line inserted at the top of the file, so every line below
 * moves and the file's evidence and analysis change (what a scan records carries its lines). A comment added at the
 * end would change neither, and a rescan now keeps the file's last scan for it (docs/editor-scan-worker.md): the bench
 * would measure the cheapest change there is. `times` inserts that many lines (a second, different edit).
 */
export function editLikeAUser(path: string, times = 1): void {
  writeFileSync(path, `${'# changed by the bench\n'.repeat(times)}${readFileSync(path, 'utf8')}`);
}
