import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry, Children } from './children';
import type { ChildRun } from './children';
import { generateWorkspace } from './generateWorkspace';
import type { GeneratedWorkspace } from './generateWorkspace';
import { median } from './timing';

/**
 * The scale benchmark (issue 13): for generated monorepos of 10k and 30k
 * files (100k when asked: STAGE_GUIDE_BENCH_SIZES=10000,30000,100000), the
 * shipped `stage-guide check` (dist/cli.js) against, in the same run,
 *   (a) `rg --files` on the same tree, and
 *   (b) the floor: a script that lists the folders and parses the files
 *       `check` reads, with the same parsers (floorScan.ts);
 * each run in a fresh process, interleaved (rg, floor, check, rg, …) and
 * compared pair by pair, so load on a shared machine hits both sides of a
 * ratio alike. Also the peak RSS of `check` in each output format, and the
 * scan as the extension runs it (editorScan.ts): time, longest event-loop
 * block, and a rescan after one changed file. `check` runs twice per round, as a
 * user runs it (the default: one thread) and with `--jobs 2` (a worker thread
 * beside it for the files of large services), side by side: time,
 * CPU of all threads and peak RSS. Reports; never
 * fails on numbers. STAGE_GUIDE_BENCH_DIR keeps the generated trees there
 * (<dir>/ws-<size>, seeded: generated once, reused by later runs).
 */
const RG = '/usr/bin/rg';
const DEFAULT_SIZES = [10_000, 30_000];

interface SizeResult {
  files: number;
  checkOverFloor: number;
  checkOverRg: number | undefined;
  /** `--jobs 2` against the default (one thread): wall time, CPU time and peak RSS (medians of paired runs; RSS the highest). */
  jobs: { time: number; cpu: number; rss1: number | undefined; rss2: number | undefined };
  rss: { text?: number; json?: number; sarif?: number };
  rescanShare: number;
  blockCpu: number;
}

export async function runCheckBench(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const sizes = (process.env.STAGE_GUIDE_BENCH_SIZES ?? DEFAULT_SIZES.join(','))
    .split(',')
    .map((size) => Number(size.trim()))
    .filter((size) => size > 0);
  const scratch = mkdtempSync(join(tmpdir(), 'stage-guide-check-bench-'));
  try {
    // STAGE_GUIDE_BENCH_CLI: another build of the CLI to measure (another commit's dist/cli.js, for a before/after).
    const cli = process.env.STAGE_GUIDE_BENCH_CLI ?? join(root, 'dist', 'cli.js');
    if (!process.env.STAGE_GUIDE_BENCH_CLI) {
      const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    }
    const floor = await bundleEntry(join(__dirname, 'floorScan.ts'), join(scratch, 'floor.js'));
    const editor = await bundleEntry(join(__dirname, 'editorScan.ts'), join(scratch, 'editor.js'));
    // The editor's scans through its scan worker (the worker bundled beside them, as dist/scanWorker.js beside dist/extension.js).
    const editorWorker = await bundleEntry(join(__dirname, 'editorWorkerScan.ts'), join(scratch, 'editorWorker.js'));
    await bundleEntry(join(root, 'src', 'extension', 'scanWorker', 'workerMain.ts'), join(scratch, 'scanWorker.js'));
    const children = new Children(scratch);
    console.log(
      `check bench: \`stage-guide check\` (${cli}) on generated monorepos; ${existsSync(RG) ? 'rg --files' : 'rg not installed (apt install ripgrep)'}; sizes ${sizes.join(', ')} (STAGE_GUIDE_BENCH_SIZES)`,
    );
    const results: SizeResult[] = [];
    for (const size of sizes) {
      const kept = process.env.STAGE_GUIDE_BENCH_DIR;
      const dir = kept ? join(kept, `ws-${size}`) : mkdtempSync(join(tmpdir(), `stage-guide-bench-${size}-`));
      try {
        const workspace = keptWorkspace(dir) ?? generateWorkspace(dir, { files: size });
        if (kept) writeFileSync(join(dir, WORKSPACE_STATS), JSON.stringify(workspace));
        results.push(measureSize(workspace, children, { cli, floor, editor, editorWorker, list: join(scratch, 'read-list.json') }));
      } finally {
        if (!kept) rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(
      '  summary            files   check/floor   check/rg   peak RSS MB: text   json   sarif   rescan/full   longest block (cpu)   jobs 2/one thread: time   cpu   peak RSS MB 1 → 2',
    );
    for (const result of results)
      console.log(
        `                 ${String(result.files).padStart(7)}   ${ratio(result.checkOverFloor).padStart(11)}   ${(result.checkOverRg === undefined ? '–' : ratio(result.checkOverRg)).padStart(8)}   ${mb(result.rss.text).padStart(17)}   ${mb(result.rss.json).padStart(4)}   ${mb(result.rss.sarif).padStart(5)}   ${percent(result.rescanShare).padStart(11)}   ${`${result.blockCpu.toFixed(0)} ms`.padStart(19)}   ${ratio(result.jobs.time).padStart(19)}   ${ratio(result.jobs.cpu).padStart(5)}   ${`${mb(result.jobs.rss1)} → ${mb(result.jobs.rss2)}`.padStart(17)}`,
      );
    console.log(
      '  goals (issue 13, at 100k): check ≤ 1.2× the floor, ≤ 8× rg --files; peak RSS < 300 MB; one-file rescan < 5% of a full scan',
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function measureSize(
  workspace: GeneratedWorkspace,
  children: Children,
  programs: { cli: string; floor: string; editor: string; editorWorker: string; list: string },
): SizeResult {
  const dir = workspace.root;
  const outside = workspace.files - workspace.dependencyFiles;
  console.log(
    `  ${workspace.files} files, ${(workspace.bytes / 1024 / 1024).toFixed(0)} MB: ${workspace.services} services; ${workspace.dependencyFiles} in node_modules, vendor and build output; ${workspace.yamlOutsideDependencies} YAML files of the ${outside} outside them (${percent(workspace.yamlOutsideDependencies / outside)}); ${workspace.dockerfiles} Dockerfiles`,
  );

  // The editor-side scan first: it also records what a scan lists and reads, for the floor.
  const editorRun = children.node(programs.editor, [dir, programs.list, workspace.changeTarget], dir, ['--expose-gc']);
  const editor = parseLastLine(children, editorRun, 'editor scan') as {
    before: number;
    peak: number;
    heapAfterFirst?: number;
    filesRead: number;
    reads: number;
    yamlRead: number;
    yamlParses: number;
    distinctTexts: number;
    directories: number;
    first: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
    second: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
    rescan: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
    rescanUntold: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
    model: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
    modelRescan: { ms: number; cpu?: number; block: number; blockCpu: number; peak?: number };
  };

  const runs = Number(process.env.STAGE_GUIDE_BENCH_RUNS ?? (workspace.files > 50_000 ? 1 : 3));
  const rg: ChildRun[] = [];
  const floor: ChildRun[] = [];
  // `check` as a user runs it (the default: one thread), and `--jobs 2` beside it.
  const check: ChildRun[] = [];
  const threaded: ChildRun[] = [];
  let listed = 0;
  let floorCounts = { yaml: 0, dockerfiles: 0, json: 0, other: 0 };
  for (let run = 0; run < runs; run++) {
    if (existsSync(RG)) {
      rg.push(children.program(RG, ['--files', '--no-require-git', dir], dir));
      listed = children.lastOutput().split('\n').length - 1;
    }
    floor.push(children.node(programs.floor, [programs.list], dir));
    floorCounts = parseLastLine(children, floor[floor.length - 1], 'floor') as typeof floorCounts;
    // The default, then two threads (the order alternates: neither always runs on a warmer page cache).
    const pair = run % 2 === 0 ? ['default', '2'] : ['2', 'default'];
    for (const jobs of pair) {
      const result = children.node(programs.cli, ['check', '.', '--fail-on', 'none', ...(jobs === '2' ? ['--jobs', '2'] : [])], dir);
      if (result.status !== 0) throw new Error(`check (jobs ${jobs}) failed: ${result.stderr}`);
      (jobs === '2' ? threaded : check).push(result);
    }
  }
  const json = children.node(programs.cli, ['check', '.', '--format', 'json', '--fail-on', 'none'], dir);
  const sarif = children.node(programs.cli, ['check', '.', '--format', 'sarif', '--fail-on', 'none'], dir);

  const checkMs = median(check.map((run) => run.ms));
  const floorMs = median(floor.map((run) => run.ms));
  const overFloor = median(check.map((run, index) => run.ms / floor[index].ms));
  const overRg = rg.length > 0 ? median(check.map((run, index) => run.ms / rg[index].ms)) : undefined;
  const textRss = Math.max(...check.map((run) => run.peakRss ?? 0));
  console.log(`    median of ${runs} interleaved runs, each a fresh process:`);
  if (rg.length > 0)
    console.log(`    rg --files        ${ms(median(rg.map((run) => run.ms)))}   ${listed} files listed (.gitignore honoured)`);
  console.log(
    `    floor             ${ms(floorMs)}   peak RSS ${mb(Math.max(...floor.map((run) => run.peakRss ?? 0)))} MB; ${editor.directories} folders listed, ${editor.filesRead} files read: ${floorCounts.yaml} YAML, ${floorCounts.dockerfiles} Dockerfiles, ${floorCounts.json} JSON parsed`,
  );
  console.log(
    `    what a scan reads ${editor.filesRead} files (${editor.distinctTexts} distinct texts), read ${editor.reads} times (repository files again for each nested service); ${editor.yamlRead} YAML files, ${editor.yamlParses} YAML parses`,
  );
  console.log(
    `    check (text)      ${ms(checkMs)}   peak RSS ${mb(textRss)} MB; report ${kb(check[0].outputBytes)} KB (one thread, the default)`,
  );
  const jobs = {
    time: median(threaded.map((run, index) => run.ms / check[index].ms)),
    cpu: median(threaded.map((run, index) => (run.cpuMs ?? 0) / (check[index].cpuMs ?? 1))),
    rss1: textRss,
    rss2: Math.max(...threaded.map((run) => run.peakRss ?? 0)),
  };
  console.log(
    `    check --jobs 2    ${ms(median(threaded.map((run) => run.ms)))}   peak RSS ${mb(jobs.rss2)} MB; CPU ${ms(median(threaded.map((run) => run.cpuMs ?? 0)))} against ${ms(median(check.map((run) => run.cpuMs ?? 0)))} on one thread; same report: ${threaded[0].outputBytes === check[0].outputBytes ? 'same size' : 'SIZE DIFFERS'}`,
  );
  console.log(
    `    jobs 2 / one      time ${ratio(jobs.time)}, CPU ${ratio(jobs.cpu)} (medians of paired runs); peak RSS ${mb(jobs.rss1)} → ${mb(jobs.rss2)} MB`,
  );
  console.log(`    check --format json   ${ms(json.ms)}   peak RSS ${mb(json.peakRss)} MB; report ${kb(json.outputBytes)} KB`);
  console.log(`    check --format sarif  ${ms(sarif.ms)}   peak RSS ${mb(sarif.peakRss)} MB; report ${kb(sarif.outputBytes)} KB`);
  console.log(
    `    ratios            check / floor ${ratio(overFloor)} (goal ≤ 1.2×)${overRg === undefined ? '' : `; check / rg --files ${ratio(overRg)} (goal ≤ 8×)`}; medians of paired runs`,
  );
  // Against the second scan: the first also loads the catalogues and warms the JIT, which a rescan never repeats.
  const workspaceRescanShare = editor.rescan.ms / editor.second.ms;
  const cpuShare = editor.rescan.cpu !== undefined && editor.second.cpu ? editor.rescan.cpu / editor.second.cpu : undefined;
  const scans = [editor.first, editor.second, editor.rescan, editor.rescanUntold, editor.model, editor.modelRescan];
  console.log(
    `    editor scan       assessWorkspace in one process with the editor's cache (every service judged by one model; the extension scans its model and the Stage view's service, below): first ${ms(editor.first.ms)} (filling its cache), a full scan again ${ms(editor.second.ms)}`,
  );
  console.log(
    `                      after one changed file (a line inserted at its top), the cache told which (the watcher) ${ms(editor.rescan.ms)} (${percent(workspaceRescanShare)} of a full scan${cpuShare === undefined ? '' : `; ${percent(cpuShare)} of its CPU time`}); not told (every file's mtime checked) ${ms(editor.rescanUntold.ms)} (${percent(editor.rescanUntold.ms / editor.second.ms)})`,
  );
  console.log(
    `                      the editor's workspace model (workspaceModelScan, no file cap) ${ms(editor.model.ms)} from an empty cache, ${ms(editor.modelRescan.ms)} after one changed file (told)`,
  );
  console.log(
    `                      longest event-loop block ${Math.max(...scans.map((scan) => scan.block)).toFixed(0)} ms wall, ${Math.max(...scans.map((scan) => scan.blockCpu)).toFixed(0)} ms of this process's CPU (budget 50 ms); peak RSS ${mb(editor.peak)} MB over the six scans`,
  );
  console.log(
    `                      peak RSS MB of each scan, in order in one process: first ${mb(editor.first.peak)}, again ${mb(editor.second.peak)}, rescans ${mb(editor.rescan.peak)} and ${mb(editor.rescanUntold.peak)}, model ${mb(editor.model.peak)} and ${mb(editor.modelRescan.peak)}; heap in use after the first scan (its cache kept) ${mb(editor.heapAfterFirst)} MB`,
  );
  // The goal's measure: the extension's own rescan (its workspace model and the Stage view's service, in the worker).
  const rescanShare = editorWorkerLines(children, programs.editorWorker, workspace);
  return {
    files: workspace.files,
    checkOverFloor: overFloor,
    checkOverRg: overRg,
    rss: { text: textRss, json: json.peakRss, sarif: sarif.peakRss },
    rescanShare,
    blockCpu: Math.max(...scans.map((scan) => scan.blockCpu)),
    jobs,
  };
}

interface EditorStep {
  ms: number;
  cpu: number;
  block: number;
  blockCpu: number;
}

/**
 * The editor's scans (workspace model, the root service's assessment, both again after one changed file) in the scan
 * worker and, for comparison, on the host's thread (as before the worker, and as its fallback), and in the worker
 * reading through the host (as a virtual workspace is read): each in a fresh process.
 */
function editorWorkerLines(children: Children, program: string, workspace: GeneratedWorkspace): number {
  let workerShare = Number.NaN;
  for (const mode of ['--in-host', '--worker', '--host-files']) {
    const run = children.node(program, [workspace.root, workspace.changeTarget, mode], workspace.root, ['--expose-gc']);
    const result = parseLastLine(children, run, `editor scan ${mode}`) as Record<
      'model' | 'assessed' | 'modelRescan' | 'assessRescan' | 'firstModelRescan' | 'firstAssessRescan' | 'modelAgain' | 'assessAgain',
      EditorStep
    > & {
      peak: number;
      seriesPeak: number;
      hostHeap: number;
      workerHeap?: number;
      rescans: number;
      rescanBlock: number;
      rescanBlockCpu: number;
    };
    const steps = [
      result.model,
      result.assessed,
      result.modelAgain,
      result.assessAgain,
      { block: result.rescanBlock, blockCpu: result.rescanBlockCpu },
    ];
    // Against the same two scans from an empty cache, the JIT warm (the first ones also loaded the catalogues).
    const share = (result.modelRescan.ms + result.assessRescan.ms) / (result.modelAgain.ms + result.assessAgain.ms);
    const firstShare = (result.firstModelRescan.ms + result.firstAssessRescan.ms) / (result.modelAgain.ms + result.assessAgain.ms);
    if (mode === '--worker') workerShare = share;
    console.log(
      `    editor ${EDITOR_MODES[mode]}    model ${ms(result.model.ms)}, Stage view ${ms(result.assessed.ms)}; after one changed file (lines inserted at its top; median of ${result.rescans} edits after the first) ${ms(result.modelRescan.ms)} and ${ms(result.assessRescan.ms)} (${percent(share)} of both again from an empty cache, ${ms(result.modelAgain.ms)} and ${ms(result.assessAgain.ms)}; goal < 5%; the first edit's ${ms(result.firstModelRescan.ms)} and ${ms(result.firstAssessRescan.ms)}, ${percent(firstShare)}); host's longest block ${Math.max(...steps.map((step) => step.block)).toFixed(0)} ms wall (${Math.max(...steps.map((step) => step.blockCpu)).toFixed(0)} ms CPU of all threads); peak RSS ${mb(result.peak)} MB over the scans and the first edit's rescan (${mb(result.seriesPeak)} MB over all ${result.rescans + 1} edits, back to back; ${mb(run.peakRss)} MB by the OS, with the scans again); heap kept: host ${mb(result.hostHeap)} MB${result.workerHeap === undefined ? '' : `, worker ${mb(result.workerHeap)} MB`}`,
    );
  }
  return workerShare;
}

/** How each mode of the editor's scans is labelled (the same width). */
const EDITOR_MODES: Record<string, string> = {
  '--in-host': 'in host          ',
  '--worker': 'worker           ',
  '--host-files': 'worker, via host ',
};

/** Where a kept workspace notes what was generated (read back instead of generating it again). */
const WORKSPACE_STATS = '.bench-workspace.json';

function keptWorkspace(dir: string): GeneratedWorkspace | undefined {
  const stats = join(dir, WORKSPACE_STATS);
  return existsSync(stats) ? (JSON.parse(readFileSync(stats, 'utf8')) as GeneratedWorkspace) : undefined;
}

function parseLastLine(children: Children, run: ChildRun, what: string): unknown {
  const line = children.lastOutput().trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{'))
    throw new Error(`${what} failed (${run.status}): ${run.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  return JSON.parse(line);
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(7)} ms`;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : (bytes / 1024 / 1024).toFixed(0);
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}

function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

if (require.main === module) {
  runCheckBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
