import type { ParseArgsConfig } from 'node:util';
import type { Terminal } from './terminal';
import type { Worker } from 'node:worker_threads';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  term: Terminal;
  cwd: string;
  /** YYYY-MM-DD; injectable so tests about waiver expiry are deterministic. */
  today: string;
  /** Starts one of `check --jobs N`'s file worker threads; by default the pool's own (src/cli/fileWorkers/workerPool.ts, defaultSpawn). */
  startFileWorker?: () => Worker;
}

/** One CLI subcommand: its help text, its options (for util.parseArgs) and what it does. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Extra lines for --help (options and examples). */
  help: string[];
  options: OptionSpec;
  /** Returns the exit code: 0 fine, 1 problems found, 2 usage error. */
  run(context: CommandContext): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage error: reported with the command's usage line and exit code 2. */
export class UsageError extends Error {}
