import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Runs the bench's measured programs as child processes: a fresh node per
 * run, so each one's peak RSS is its own (`process.resourceUsage().maxRSS`,
 * written by a preloaded hook at exit), and its wall time includes node's
 * start like `rg --files` includes its own.
 */
export interface ChildRun {
  ms: number;
  /** Peak resident set size in bytes, of the whole process (every thread; undefined for programs that are not node). */
  peakRss?: number;
  /** CPU time (user + system) in milliseconds, of every thread of the process (undefined for programs that are not node). */
  cpuMs?: number;
  /** Bytes the child wrote to stdout. */
  outputBytes: number;
  status: number | null;
  stderr: string;
}

export class Children {
  private readonly hook: string;
  private readonly rssFile: string;

  constructor(private readonly scratch: string) {
    this.hook = join(scratch, 'max-rss-hook.js');
    this.rssFile = join(scratch, 'max-rss.txt');
    writeFileSync(
      this.hook,
      // 'exit' also runs after process.exit(); maxRSS is in kilobytes, CPU times in microseconds (both for all threads).
      "process.on('exit', () => { const usage = process.resourceUsage(); require('fs').writeFileSync(process.env.STAGE_GUIDE_BENCH_RSS_FILE, `${usage.maxRSS * 1024} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`); });\n",
    );
  }

  /** `node <script> …args` in `cwd`, stdout to a file (as a CI job's report would go), timed, with its peak RSS. */
  node(script: string, args: readonly string[], cwd: string, nodeFlags: readonly string[] = []): ChildRun {
    rmSync(this.rssFile, { force: true });
    const run = this.spawn(process.execPath, [...nodeFlags, '--require', this.hook, script, ...args], cwd, {
      STAGE_GUIDE_BENCH_RSS_FILE: this.rssFile,
    });
    const usage = existsSync(this.rssFile) ? readFileSync(this.rssFile, 'utf8').split(' ').map(Number) : undefined;
    return { ...run, peakRss: usage?.[0], cpuMs: usage?.[1] };
  }

  /** Any program, timed (no RSS). */
  program(command: string, args: readonly string[], cwd: string): ChildRun {
    return this.spawn(command, args, cwd, {});
  }

  /** The stdout of the last run (kept in the scratch folder until the next one). */
  lastOutput(): string {
    return readFileSync(join(this.scratch, 'stdout.txt'), 'utf8');
  }

  private spawn(command: string, args: readonly string[], cwd: string, env: Record<string, string>): ChildRun {
    const outputFile = join(this.scratch, 'stdout.txt');
    const out = openSync(outputFile, 'w');
    try {
      const start = process.hrtime.bigint();
      const child = spawnSync(command, args, {
        cwd,
        stdio: ['ignore', out, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, ...env, NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.error) throw child.error;
      return { ms, outputBytes: statSync(outputFile).size, status: child.status, stderr: child.stderr ?? '' };
    } finally {
      closeSync(out);
    }
  }
}

/**
 * Bundles a bench entry point with esbuild the way scripts/build.mjs bundles
 * the CLI (data embedded, yaml and dockerfile-ast inside), so it runs in a
 * plain node without tsx's loader in its time or memory.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  const root = join(__dirname, '..', '..');
  const { shippedDataDefine } = (await import(join(root, 'scripts', 'shippedData.mjs'))) as {
    shippedDataDefine(root: string): Record<string, string>;
  };
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
    minify: true,
    keepNames: true,
    define: { ...shippedDataDefine(root), STAGE_GUIDE_VERSION: JSON.stringify('bench') },
  });
  return outfile;
}
