import { assessWorkspace } from '../../src/core/evidence/index';
import { nodeFileSystem, toCorePath } from '../../src/cli/nodeFileSystem';

/**
 * Entry point bundled by scanBench with esbuild (as the CLI and the extension
 * ship) and run in a fresh node process: the memory of back-to-back scans
 * without tsx's loader in the process. Prints one JSON line.
 */
async function main(): Promise<void> {
  const dir = toCorePath(process.argv[2]);
  const scans = Number(process.argv[3] ?? 6);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  for (let scan = 0; scan < scans; scan++) await assessWorkspace(dir, { fs: nodeFileSystem, workspaceRoot: dir, today: '2025-01-01' });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ before, peak, scans }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
