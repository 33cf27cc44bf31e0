import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from './seedTable';

/**
 * The real `stage-guide` entry point, run from source (no build needed) by
 * node with tsx's CommonJS hook: one process per run, unlike the tsx CLI.
 */
const MAIN = resolve(REPO_ROOT, 'src', 'cli', 'main.ts');
const TSX_HOOK = require.resolve('tsx/cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `stage-guide ARGS` as a separate process with pipes (so it is not a
 * TTY) and an environment without colour or width settings unless given.
 */
export function runStageGuide(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const base = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES']) delete base[name];
  const result = spawnSync(process.execPath, ['--require', TSX_HOOK, MAIN, ...args], {
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

  run(args: string[], env: Record<string, string> = {}, cwd = this.root): CliRun {
    return runStageGuide(args, cwd, env);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
