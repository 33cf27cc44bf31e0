import { assessWorkspace } from '../../src/core/evidence/index';
import { nodeFileSystem, toCorePath } from '../../src/cli/nodeFileSystem';

/**
 * Entry point bundled by scanBench with esbuild the way the CLI and the extension ship (data
 * embedded) and run in a fresh node process: the memory of back-to-back scans without tsx's
 * loader in the process, and the longest event-loop block of the first scan (which also loads
 * the catalogues) and of the later ones. Prints one JSON line.
 */
async function main(): Promise<void> {
  const dir = toCorePath(process.argv[2]);
  const scans = Number(process.argv[3] ?? 6);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const blocks: number[] = [];
  for (let scan = 0; scan < scans; scan++) {
    longest = 0;
    last = performance.now();
    await assessWorkspace(dir, { fs: nodeFileSystem, workspaceRoot: dir, today: '2025-01-01' });
    blocks.push(Math.max(longest, performance.now() - last));
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ before, peak, scans, firstBlock: blocks[0], laterBlock: Math.max(...blocks.slice(1)) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
