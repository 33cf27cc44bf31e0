import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { assessScope, ScanCache, workspaceModelScan } from '../../src/core/evidence/index';
import type { ServiceAssessment, WorkspaceModelScan } from '../../src/core/evidence/index';
import { loadStageFile } from '../../src/core/workspace/stageResolution';
import { nodeFileSystem, toCorePath } from '../../src/cli/nodeFileSystem';
import { defaultScanWorkerSpawn, ScanWorkerClient } from '../../src/extension/scanWorker/scanWorkerClient';
import { editLikeAUser } from './benchEdit';

/** Rescans after the first, each after its own edit: the median is what the bench reports (the first, on its own). */
const WARM_RESCANS = 5;

interface EditorStep {
  ms: number;
  cpu: number;
  /** The host's longest event-loop block in the step, wall and its thread's CPU. */
  block: number;
  blockCpu: number;
}

interface Measured<T> extends EditorStep {
  result: T;
}

function stepOf({ ms, cpu, block, blockCpu }: EditorStep): EditorStep {
  return { ms, cpu, block, blockCpu };
}

/**
 * The editor's scans as the extension runs them, in the scan worker (src/extension/scanWorker/) or, with `--in-host`,
 * on the host's own thread as before it (and as the fallback runs them): the workspace model from an empty cache
 * (WorkspaceFactsService), the Stage view's assessment of the workspace's root service judged by it
 * (EvidenceService), then both again after one changed file (told, as the watcher tells the cache) — six edits one
 * after the other, each undone, the first reported on its own and the median of the other five as the rescan — and
 * both from an empty cache once more, the JIT warm (what the rescan is measured against; not counted in the peak).
 * Bundled by checkBench the way the extension ships, run in a fresh node, beside the bundled worker (scanWorker.js).
 * Measures what the extension host feels: the longest stretch its event loop was blocked (the budget is 50 ms), with
 * the CPU time the host's own thread had in that stretch (Linux: /proc's schedstat of the main thread; elsewhere the
 * process's, all threads), the process's peak RSS (host and worker) over the scans and the first edit's rescan, and
 * over all the edits, and the heap each side holds after the scans.
 * On a loaded machine a long stretch with little CPU of the host's thread is the thread waiting for a core, not
 * the scan holding it. Prints one JSON line.
 *
 * With `--host-files`, the worker reads the workspace through the host, call by call, as it reads a virtual
 * workspace's (the host answers from its own node fs here, workspace.fs in the editor).
 *
 *   node editorWorkerScan.js <workspace> <relative path of the file to change> [--in-host | --host-files]
 */
async function main(): Promise<void> {
  const [workspace, changed, mode] = process.argv.slice(2);
  const inHost = mode === '--in-host';
  // A virtual workspace's scans: in the worker, every listing, stat and read asked of the host (here its node fs).
  const files = mode === '--host-files' ? nodeFileSystem : undefined;
  const root = toCorePath(workspace);
  const today = '2025-01-01';
  let peak = process.memoryUsage().rss;
  let last = performance.now();
  let lastCpu = hostThreadCpuMs();
  let longest = 0;
  let longestCpu = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = hostThreadCpuMs();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(tick, 5);
  const measured = async <T>(work: () => Promise<T>): Promise<Measured<T>> => {
    longest = 0;
    longestCpu = 0;
    last = performance.now();
    lastCpu = hostThreadCpuMs();
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(startCpu);
    tick();
    return { ms: performance.now() - start, cpu: (used.user + used.system) / 1000, block: longest, blockCpu: longestCpu, result };
  };

  const client = inHost ? undefined : new ScanWorkerClient(defaultScanWorkerSpawn(__dirname));
  const cache = new ScanCache({ changesNoted: true });
  const stageFile = await loadStageFile(nodeFileSystem, `${root}/.stage.yml`, { today, root });
  const modelScan = (): Promise<WorkspaceModelScan> =>
    client
      ? client.modelScan(root, root, { today, ...(files ? { files } : {}) })
      : workspaceModelScan(root, { fs: nodeFileSystem, workspaceRoot: root, today, cache });
  // As the Stage view asks: naming the assessment it shows (the worker answers that it stands when nothing it was judged
  // from changed; the in-host scan judges again).
  const assess = (held?: ServiceAssessment) => (model: WorkspaceModelScan) =>
    client
      ? client.assessScope(root, root, root, stageFile, { today, ...(files ? { files } : {}), ...(held ? { held } : {}) })
      : assessScope(root, stageFile, { fs: nodeFileSystem, workspaceRoot: root, today, cache, deployment: model.model });
  /** The workspace model, then the Stage view's assessment judged by it, as the extension asks for them. */
  const scanBoth = async <A>(
    scanModel: () => Promise<WorkspaceModelScan>,
    scanAssess: (model: WorkspaceModelScan) => Promise<A>,
  ): Promise<{ model: Measured<WorkspaceModelScan>; assess: Measured<A> }> => {
    const modelStep = await measured(scanModel);
    return { model: modelStep, assess: await measured(() => scanAssess(modelStep.result)) };
  };

  const { model, assess: assessed } = await scanBoth(modelScan, assess());
  const changedPath = `${workspace}/${changed}`;
  const original = readFileSync(changedPath, 'utf8');
  const noteChanged = () => {
    if (client) client.noteChanged(root, toCorePath(changedPath));
    else cache.noteChanged(toCorePath(changedPath));
  };
  // Edits as a user makes them, one after the other: each inserts lines at the file's top (a different number each
  // time, so no edit repeats an earlier text), is rescanned, and is undone (rescanned too, not measured).
  // Their times only: a scan's result kept here would hold each rescan's model, and the peak with it.
  const rescans: Array<{ model: EditorStep; assess: EditorStep }> = [];
  let shown = assessed.result.service;
  let firstEditPeak = 0;
  try {
    for (let edit = 1; edit <= 1 + WARM_RESCANS; edit++) {
      editLikeAUser(changedPath, edit);
      noteChanged();
      const rescan = await scanBoth(modelScan, assess(shown));
      shown = rescan.assess.result.service;
      rescans.push({ model: stepOf(rescan.model), assess: stepOf(rescan.assess) });
      // The peak as the bench measured it before the series: the first scans and one rescan.
      if (edit === 1) firstEditPeak = peak;
      writeFileSync(changedPath, original);
      noteChanged();
      shown = (await scanBoth(modelScan, assess(shown))).assess.result.service;
    }
  } finally {
    writeFileSync(changedPath, original);
  }
  // The first rescan also compiles the code only a rescan runs (as the scans from an empty cache below are measured
  // with the JIT warm, so are the rescans that follow it); it is reported on its own.
  const [first, ...warm] = rescans;
  const byTotal = [...warm].sort((a, b) => a.model.ms + a.assess.ms - (b.model.ms + b.assess.ms));
  const median = byTotal[Math.floor((byTotal.length - 1) / 2)];
  (globalThis as { gc?: () => void }).gc?.();
  const hostHeap = getHeapStatistics().used_heap_size;
  const workerHeap = client?.heapUsed;
  // Over the first scans and every edit (the scans from an empty cache below are not counted).
  const seriesPeak = peak;
  // What a rescan is measured against: the same two scans from an empty cache once the JIT is warm (the first ones
  // also loaded the catalogues and compiled the engine, which a rescan never repeats). The first folder's cache is let go.
  const againFolder = `${root}#again`;
  const againCache = new ScanCache({ changesNoted: true });
  client?.keepFolders([againFolder]);
  const { model: modelAgain, assess: assessAgain } = await scanBoth(
    () =>
      client
        ? client.modelScan(againFolder, root, { today, ...(files ? { files } : {}) })
        : workspaceModelScan(root, { fs: nodeFileSystem, workspaceRoot: root, today, cache: againCache }),
    (modelScanned) =>
      client
        ? client.assessScope(againFolder, root, root, stageFile, { today, ...(files ? { files } : {}) })
        : assessScope(root, stageFile, {
            fs: nodeFileSystem,
            workspaceRoot: root,
            today,
            cache: againCache,
            deployment: modelScanned.model,
          }),
  );
  clearInterval(timer);
  await client?.dispose();
  const steps = {
    model,
    assessed,
    modelRescan: median.model,
    assessRescan: median.assess,
    firstModelRescan: first.model,
    firstAssessRescan: first.assess,
    modelAgain,
    assessAgain,
  };
  // The host's longest block over every rescan, not only the median one's.
  const rescanBlock = Math.max(...rescans.flatMap(({ model: m, assess: a }) => [m.block, a.block]));
  const rescanBlockCpu = Math.max(...rescans.flatMap(({ model: m, assess: a }) => [m.blockCpu, a.blockCpu]));
  console.log(
    JSON.stringify({
      mode: inHost ? 'in-host' : files ? 'host-files' : 'worker',
      peak: firstEditPeak,
      // Over the whole series: edits come back to back here, with no idle time in which V8 would shrink the heaps.
      seriesPeak,
      hostHeap,
      workerHeap,
      rescans: warm.length,
      rescanBlock,
      rescanBlockCpu,
      services: model.result.roots.length,
      findings: assessed.result.service.findings.length,
      ...Object.fromEntries(
        Object.entries(steps).map(([name, step]) => [name, { ms: step.ms, cpu: step.cpu, block: step.block, blockCpu: step.blockCpu }]),
      ),
    }),
  );
}

/** The CPU time of this process's main thread (the extension host's, in the editor), in ms. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const hasSchedstat = existsSync(SCHEDSTAT);
function hostThreadCpuMs(): number {
  if (hasSchedstat) return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
