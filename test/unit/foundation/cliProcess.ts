import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { terminalWidth } from '../../../src/cli/terminal';
import type { Terminal } from '../../../src/cli/terminal';
import { REPO_ROOT } from './seedTable';

/**
 * The built `stage-guide` binary (`npm test` builds it before the unit tests run). Only the few
 * tests that prove the binary itself works spawn it; the rest run the same code in-process.
 */
export const BUILT_CLI = resolve(REPO_ROOT, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A terminal that keeps what the CLI prints: not a TTY, so no colour; `width` as `COLUMNS` would set it. */
export function capturingTerminal(columns?: string): Terminal & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (line = '') => out.push(`${line}\n`),
    err: (line = '') => err.push(`${line}\n`),
    color: false,
    width: terminalWidth(undefined, columns),
    isTTY: false,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/**
 * Runs `stage-guide ARGS` in this process through runCli, on a capturing, non-TTY terminal:
 * the environment is passed explicitly (`COLUMNS` becomes the width), no global is touched.
 */
export async function runInProcess(args: string[], cwd: string, env: { COLUMNS?: string } = {}): Promise<CliRun> {
  const term = capturingTerminal(env.COLUMNS);
  const status = await runCli(args, { term, cwd });
  return { status, stdout: term.stdout(), stderr: term.stderr() };
}

/**
 * Spawns the built `stage-guide` binary with pipes (so it is not a TTY) and an
 * environment without colour or width settings unless given.
 */
export function runStageGuide(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  if (!existsSync(BUILT_CLI)) throw new Error('run `npm run build` first: dist/cli.js is missing');
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES']) delete base[name];
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 30000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary workspace (with `.git`, so it is its own root) and helpers to fill it. */
export class TempWorkspace {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'stage-guide-cli-'));
    mkdirSync(join(this.root, '.git'));
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  write(relative: string, text: string): string {
    const target = this.path(relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    return target;
  }

  copyFixture(fixture: string, relative: string): string {
    const target = this.path(relative);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(resolve(REPO_ROOT, 'test', 'fixtures', 'cli', fixture), target);
    return target;
  }

  /** `stage-guide ARGS` in-process (see runInProcess). */
  run(args: string[], env: { COLUMNS?: string } = {}, cwd = this.root): Promise<CliRun> {
    return runInProcess(args, cwd, env);
  }

  /** `stage-guide ARGS` as the built binary in its own process (see runStageGuide). */
  spawn(args: string[], env: Record<string, string> = {}, cwd = this.root): CliRun {
    return runStageGuide(args, cwd, env);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
