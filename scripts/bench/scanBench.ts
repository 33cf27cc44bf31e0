import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessWorkspace, builtinSignalCatalog } from '../../src/core/evidence/index';
import { relevanceFor } from '../../src/core/evidence/scan/collectFacts';
import { walkScope } from '../../src/core/evidence/scan/scopeWalker';
import { nodeFileSystem, toCorePath } from '../../src/cli/nodeFileSystem';
import { generateWorkspace } from './generateWorkspace';

/**
 * The evidence-scan benchmark (issue 6): a generated 100,000-file workspace,
 * scanned by `assessWorkspace` and listed by `rg --files` in the same run.
 * Reports the time ratio (goal ≤ 2×), the peak memory (goal < 200 MB) and the
 * longest stretch the event loop was blocked (the extension host's budget is
 * 50 ms). Reports numbers; never fails on them.
 */
const RUNS = 5;
const RG = '/usr/bin/rg';

export async function runScanBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stage-guide-scan-bench-'));
  try {
    const generated = generateWorkspace(dir);
    console.log(`scan bench: ${generated.files} files (${generated.nodeModulesFiles} in node_modules, ${generated.relevantFiles} read by detectors) in ${dir}`);
    const rgTimes: number[] = [];
    const walkTimes: number[] = [];
    const scanTimes: number[] = [];
    const relevance = relevanceFor(builtinSignalCatalog());
    let peakRss = 0;
    let peakHeap = 0;
    let longestBlock = 0;
    let listed = 0;
    let relevant = 0;
    const baselineRss = process.memoryUsage().rss;
    for (let run = 0; run < RUNS; run++) {
      if (existsSync(RG)) {
        const start = process.hrtime.bigint();
        const rg = spawnSync(RG, ['--files', '--no-require-git', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        rgTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
        listed = rg.stdout.split('\n').filter(Boolean).length;
      }
      const walkStart = process.hrtime.bigint();
      await walkScope({ fs: nodeFileSystem, root: toCorePath(dir), workspaceRoot: toCorePath(dir), relevance });
      walkTimes.push(Number(process.hrtime.bigint() - walkStart) / 1e6);
      const sampler = sampleWhileRunning();
      const start = process.hrtime.bigint();
      const result = await assessWorkspace(toCorePath(dir), { fs: nodeFileSystem, workspaceRoot: toCorePath(dir), today: '2025-01-01' });
      scanTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      const sample = sampler.stop();
      peakRss = Math.max(peakRss, sample.peakRss);
      peakHeap = Math.max(peakHeap, sample.peakHeap);
      longestBlock = Math.max(longestBlock, sample.longestGap);
      relevant = result.services.reduce((sum, service) => sum + service.stats.relevantFiles, 0);
    }
    const scan = median(scanTimes);
    const walked = median(walkTimes);
    console.log(`  assessWorkspace: median ${scan.toFixed(0)} ms over ${RUNS} runs (walk; ${relevant} relevant files kept, the ones detectors name read and parsed; signals; rule engine)`);
    console.log(`  walk alone:      median ${walked.toFixed(0)} ms`);
    if (rgTimes.length > 0) {
      const rg = median(rgTimes);
      console.log(`  rg --files:      median ${rg.toFixed(0)} ms (${listed} files listed)`);
      console.log(`  ratio scan / rg: ${(scan / rg).toFixed(2)}×   (goal ≤ 2×); walk alone / rg: ${(walked / rg).toFixed(2)}×`);
    } else {
      console.log(`  rg --files:      ${RG} not found — install ripgrep for the ratio`);
    }
    console.log(`  peak memory:     rss ${mb(peakRss)} MB (process baseline ${mb(baselineRss)} MB), heap ${mb(peakHeap)} MB   (goal < 200 MB)`);
    console.log(`  longest event-loop block during a scan: ${longestBlock.toFixed(0)} ms   (extension host budget 50 ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Samples memory every 5 ms; the gap between two samples is how long the event loop was busy. */
function sampleWhileRunning(): { stop(): { peakRss: number; peakHeap: number; longestGap: number } } {
  let peakRss = 0;
  let peakHeap = 0;
  let longestGap = 0;
  let last = performance.now();
  const sample = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 5);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRss, peakHeap, longestGap };
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

if (require.main === module) {
  runScanBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
