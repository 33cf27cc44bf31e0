import { parseArgs } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { todayIso } from '../core/stageFile/parseStageFile';
import type { CliCommand } from './command';
import { FileWriteError } from './atomicWrite';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError } from './command';
import { errorReason } from '../node/guardedRead';
import { COMMANDS } from './commandTable';
import type { Terminal } from './terminal';
import { escapeControl, paint } from './terminal';
import { VERSION } from './version';

export interface CliEnvironment {
  term: Terminal;
  cwd: string;
  today?: string;
  /**
   * Starts one of `check --jobs N`'s file worker threads (default: the pool's own). The unit tests start the worker
   * they bundled once for the run, instead of workerMain.ts through tsx in each run (seconds of CPU each).
   */
  startFileWorker?: () => Worker;
}

/** Runs the CLI on argv (without node and the script); returns the exit code. */
export async function runCli(argv: string[], env: CliEnvironment): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic) {
      env.term.err(`stage-guide help: no command "${escapeControl(rest[0])}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
      return EXIT_USAGE;
    }
    if (topic) printCommandHelp(env.term, topic);
    else printGeneralHelp(env.term);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    env.term.out(VERSION);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    env.term.err(`stage-guide: unknown command "${escapeControl(name)}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    env.term.err('Run stage-guide --help for usage.');
    return EXIT_USAGE;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      printCommandHelp(env.term, command);
      return EXIT_OK;
    }
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      term: env.term,
      cwd: env.cwd,
      today: env.today ?? todayIso(),
      startFileWorker: env.startFileWorker,
    });
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      env.term.err(`stage-guide ${command.name}: ${(error as Error).message}`);
      env.term.err(`usage: ${command.usage}`);
      return EXIT_USAGE;
    }
    // A file the system refused (permissions, a full disk, a size limit) is the user's to fix: one line, no stack trace.
    if (error instanceof FileWriteError) {
      env.term.err(`stage-guide ${command.name}: ${error.message}`);
      return EXIT_PROBLEMS;
    }
    if (isSystemError(error)) {
      env.term.err(`stage-guide ${command.name}: ${error.path ? `${error.path}: ` : ''}${errorReason(error)}.`);
      return EXIT_PROBLEMS;
    }
    throw error;
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function printGeneralHelp(term: Terminal): void {
  term.out(`${paint(term, 'bold', 'stage-guide')} — stage-aware design guidance from your .stage.yml`);
  term.out();
  term.out('usage: stage-guide <command> [options]');
  term.out();
  for (const command of COMMANDS) term.out(`  ${command.name.padEnd(10)} ${command.summary}`);
  term.out();
  term.out("Run stage-guide <command> --help for a command's options.");
  term.out('Exit codes: 0 fine, 1 problems found, 2 usage error.');
  term.out('A file that cannot be read or written: exit 1, one line saying why.');
}

function printCommandHelp(term: Terminal, command: CliCommand): void {
  term.out(`usage: ${command.usage}`);
  term.out();
  term.out(command.summary + '.');
  for (const line of command.help) term.out(line);
}
