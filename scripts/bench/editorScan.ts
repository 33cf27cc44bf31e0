import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { Parser } from 'yaml';
import { assessWorkspace, ScanCache, workspaceModelScan } from '../../src/core/evidence/index';
import type { CoreFileSystem } from '../../src/core/fileSystem';
import { nodeFileSystem, toCorePath } from '../../src/cli/nodeFileSystem';
import { editLikeAUser } from './benchEdit';

/**
 * The scan as the extension runs it (`assessWorkspace` in one process, the
 * event loop shared with everything else, keeping a quick fix's title and not its edits), bundled by checkBench the way the
 * extension ships and run in a fresh node: a first scan, a second scan of the
 * unchanged tree, and a rescan after one changed file — told which path changed,
 * as the extension's file watcher tells its cache, and not told (then every file's
 * modification time is checked and every service walked); then the editor's workspace model
 * (`workspaceModelScan`, as its WorkspaceFactsService runs it) from an empty cache, and again after one
 * changed file. Measures each scan's
 * time, the longest stretch the event loop was blocked (the extension host's
 * budget is 50 ms) and the peak RSS (of each scan, and of all six), and the heap
 * still used once the first scan is done (with its cache, as the extension keeps it). The first scan goes through a recording
 * file system: the folders it listed and the files it read are written for
 * the floor (floorScan.ts). Prints one JSON line.
 *
 *   node editorScan.js <workspace> <list.json> <relative path of the file to change>
 */
async function main(): Promise<void> {
  const [workspace, listFile, changed] = process.argv.slice(2);
  const dir = toCorePath(workspace);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let scanPeak = before;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  // The gap between two 5 ms ticks is how long the event loop was busy (or the process descheduled, on a
  // loaded machine: the CPU time this process got during the gap tells the two apart).
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    scanPeak = Math.max(scanPeak, rss);
  };
  const timer = setInterval(tick, 5);
  const measured = async <T>(work: () => Promise<T>) => {
    longest = 0;
    longestCpu = 0;
    // Each scan's own peak: from where the process stands when it starts (RSS seldom shrinks, so a later scan's peak
    // is at least the earlier scans' resident memory).
    scanPeak = process.memoryUsage().rss;
    last = performance.now();
    lastCpu = process.cpuUsage();
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const result = await work();
    const ms = performance.now() - start;
    const used = process.cpuUsage(startCpu);
    tick();
    // CPU milliseconds of the process (all its threads) during the scan: on a loaded machine, wall time is mostly waiting.
    return { ms, cpu: (used.user + used.system) / 1000, block: longest, blockCpu: longestCpu, peak: scanPeak, result };
  };
  const scan = async (fs: CoreFileSystem, cache?: ScanCache) => {
    const { result, ...measures } = await measured(() =>
      assessWorkspace(dir, { fs, workspaceRoot: dir, today: '2025-01-01', fixes: 'titles', ...(cache ? { cache } : {}) }),
    );
    return { ...measures, services: result.services.length };
  };
  // The editor's workspace model (WorkspaceFactsService): the same scan, its deployment model and each service's facts.
  const modelScan = (cache: ScanCache) =>
    measured(() => workspaceModelScan(dir, { fs: nodeFileSystem, workspaceRoot: dir, today: '2025-01-01', fixes: 'titles', cache }));

  const recording = recordingFileSystem(nodeFileSystem);
  const parses = countYamlParses();
  // The extension keeps what its scans made of each file (ScanCache), and tells it every path its file watcher reports:
  // the first scan fills it, the rescan reads only what changed.
  const cache = new ScanCache({ changesNoted: true });
  const first = await scan(recording.fs, cache);
  const yamlParses = parses.count();
  // What stays once the first scan is done (its assessment let go, the cache kept, as the extension keeps it).
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterFirst = getHeapStatistics().used_heap_size;
  writeFileSync(listFile, JSON.stringify({ directories: [...recording.directories], files: [...recording.files] }));
  const second = await scan(nodeFileSystem);
  const changedPath = `${workspace}/${changed}`;
  const original = readFileSync(changedPath, 'utf8');
  editLikeAUser(changedPath);
  cache.noteChanged(changedPath);
  const rescan = await scan(nodeFileSystem, cache);
  // The same, when the cache is not told what changed (it checks every file's modification time, and walks every service).
  editLikeAUser(changedPath, 2);
  cache.forgetChanges();
  const rescanUntold = await scan(nodeFileSystem, cache);
  writeFileSync(changedPath, original);
  const modelCache = new ScanCache({ changesNoted: true });
  const model = await modelScan(modelCache);
  editLikeAUser(changedPath);
  modelCache.noteChanged(changedPath);
  const modelRescan = await modelScan(modelCache);
  writeFileSync(changedPath, original);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      before,
      peak,
      heapAfterFirst,
      services: first.services,
      filesRead: recording.files.size,
      reads: recording.reads(),
      yamlRead: [...recording.files].filter((path) => /\.ya?ml$/i.test(path)).length,
      distinctTexts: recording.texts.size,
      yamlParses,
      directories: recording.directories.size,
      first: { ms: first.ms, cpu: first.cpu, block: first.block, blockCpu: first.blockCpu, peak: first.peak },
      second: { ms: second.ms, cpu: second.cpu, block: second.block, blockCpu: second.blockCpu, peak: second.peak },
      rescan: { ms: rescan.ms, cpu: rescan.cpu, block: rescan.block, blockCpu: rescan.blockCpu, peak: rescan.peak },
      rescanUntold: {
        ms: rescanUntold.ms,
        cpu: rescanUntold.cpu,
        block: rescanUntold.block,
        blockCpu: rescanUntold.blockCpu,
        peak: rescanUntold.peak,
      },
      model: { ms: model.ms, cpu: model.cpu, block: model.block, blockCpu: model.blockCpu, peak: model.peak },
      modelRescan: {
        ms: modelRescan.ms,
        cpu: modelRescan.cpu,
        block: modelRescan.block,
        blockCpu: modelRescan.blockCpu,
        peak: modelRescan.peak,
      },
    }),
  );
}

/** How many texts yaml's parser is given (the scan's own parses: the catalogues are embedded, parsed at build time). */
function countYamlParses(): { count(): number } {
  const parse = Parser.prototype.parse;
  let count = 0;
  Parser.prototype.parse = function (this: Parser, source: string, incomplete?: boolean) {
    count++;
    return parse.call(this, source, incomplete);
  };
  return {
    count() {
      Parser.prototype.parse = parse;
      return count;
    },
  };
}

/** The node file system, noting every folder listed and every file read (and the distinct texts read). */
function recordingFileSystem(inner: CoreFileSystem): {
  fs: CoreFileSystem;
  directories: Set<string>;
  files: Set<string>;
  texts: Set<string>;
  reads(): number;
} {
  const directories = new Set<string>();
  const files = new Set<string>();
  const texts = new Set<string>();
  let reads = 0;
  const fs: CoreFileSystem = {
    ...inner,
    async readDirectory(path) {
      const entries = await inner.readDirectory(path);
      if (entries) directories.add(path);
      return entries;
    },
    async readFile(path, maxBytes) {
      const read = await inner.readFile(path, maxBytes);
      reads++;
      if (read.status === 'ok') {
        files.add(path);
        texts.add(createHash('sha1').update(read.text).digest('hex'));
      }
      return read;
    },
    async readText(path) {
      const text = await inner.readText(path);
      if (text !== undefined) files.add(path);
      return text;
    },
  };
  return { fs, directories, files, texts, reads: () => reads };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
