/**
 * Writes to GitHub's file commands (`$GITHUB_ENV`, `$GITHUB_PATH`,
 * `$GITHUB_OUTPUT`) in a POSIX `run:` script, read from the shell tokenizer:
 * `echo "name=value" >> "$GITHUB_OUTPUT"`, `printf … >> $GITHUB_ENV`, or
 * `… | tee -a $GITHUB_PATH`. A later step or the runner reads these files, so
 * what is written there decides other steps' environment, PATH and outputs.
 */
import { scanShell } from '../../format/shell/shellScanner';
import type { ShellToken, ShellWord } from '../../format/shell/shellScanner';

export type FileCommand = 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_OUTPUT';

const FILE_COMMANDS: readonly FileCommand[] = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT'];
const SEPARATORS = new Set(['&&', '||', ';', ';;', '&', '(', ')', '\n']);
const PIPES = new Set(['|', '|&']);
const REDIRECTIONS = new Set(['>', '>>', '>|', '&>']);

export interface FileCommandWrite {
  file: FileCommand;
  /** The program whose output is written (`echo`, `cat`, `jq` …). */
  program?: string;
  /** The words written (the writing command's arguments, or the command piped into `tee`). */
  content: ShellWord[];
  /** Offsets in the script of the whole command, redirection included. */
  start: number;
  end: number;
}

interface Command {
  words: ShellWord[];
  /** Files the command redirects its output to. */
  targets: ShellWord[];
  end: number;
}

/** The file command a word names (`$GITHUB_ENV`, `"${GITHUB_OUTPUT}"`), if any. */
export function fileCommandOf(word: ShellWord): FileCommand | undefined {
  const value = word.value;
  return FILE_COMMANDS.find((name) => value === `$${name}` || value === `\${${name}}`);
}

/** Every write to a file command in the script, in order. */
export function fileCommandWrites(script: string): FileCommandWrite[] {
  // Every file command is named `GITHUB_…`: a script that never says it writes none (most scripts; no scan needed).
  if (!script.includes('GITHUB_')) return [];
  const { tokens } = scanShell(script, 0, script.length);
  const pipelines = splitPipelines(tokens);
  const writes: FileCommandWrite[] = [];
  for (const pipeline of pipelines) {
    for (let i = 0; i < pipeline.length; i++) {
      const command = pipeline[i];
      if (command.words.length === 0) continue;
      const start = command.words[0].start;
      for (const target of command.targets) {
        const file = fileCommandOf(target);
        if (file)
          writes.push({
            file,
            program: command.words[0].value,
            content: command.words.slice(1),
            start,
            end: Math.max(command.end, target.end),
          });
      }
      // `… | tee -a "$GITHUB_ENV"`: what the previous command prints is written.
      if (command.words[0].value === 'tee' && i > 0) {
        for (const word of command.words.slice(1)) {
          const file = fileCommandOf(word);
          const previous = pipeline[i - 1];
          if (file && previous.words.length > 0)
            writes.push({
              file,
              program: previous.words[0].value,
              content: previous.words.slice(1),
              start: previous.words[0].start,
              end: command.end,
            });
        }
      }
    }
  }
  return writes;
}

/** Commands grouped by pipeline: each inner list is `a | b | c`. */
function splitPipelines(tokens: readonly ShellToken[]): Command[][] {
  const pipelines: Command[][] = [];
  let pipeline: Command[] = [];
  let command: Command = { words: [], targets: [], end: 0 };
  let redirect = false;
  const endCommand = () => {
    if (command.words.length > 0 || command.targets.length > 0) pipeline.push(command);
    command = { words: [], targets: [], end: 0 };
    redirect = false;
  };
  for (const token of tokens) {
    if (token.kind === 'word') {
      if (redirect) command.targets.push(token.word);
      else command.words.push(token.word);
      command.end = token.word.end;
      redirect = false;
      continue;
    }
    const op = token.operator.op;
    if (REDIRECTIONS.has(op)) redirect = true;
    else if (op === '<' || op === '<<' || op === '<&' || op === '>&') redirect = false;
    else if (PIPES.has(op)) endCommand();
    else if (SEPARATORS.has(op)) {
      endCommand();
      if (pipeline.length > 0) pipelines.push(pipeline);
      pipeline = [];
    }
  }
  endCommand();
  if (pipeline.length > 0) pipelines.push(pipeline);
  return pipelines;
}

/** The name written by `name=value` content (GITHUB_ENV, GITHUB_OUTPUT), if the word has that shape. */
export function writtenName(word: ShellWord): string | undefined {
  const equals = word.value.indexOf('=');
  if (equals <= 0) return undefined;
  const name = word.value.slice(0, equals);
  return /^[A-Za-z_][\w-]*$/.test(name) ? name : undefined;
}
