import { memoizedByText } from '../../memoizedByText';
import { forgottenWhenScansEnd } from '../../scanLifetime';
import { scanShell } from './shellScanner';
import type { ShellOperator, ShellToken, ShellWord } from './shellScanner';

/** One simple command: its words (redirection targets left out) and the operator before it. */
export interface ShellCommand {
  words: ShellWord[];
  /** The operator that precedes this command ("&&", "|", ";", "\n"…), undefined for the first. */
  after?: string;
}

const SEPARATORS = new Set(['&&', '||', ';', ';;', '&', '|', '|&', '(', ')', '\n']);
const REDIRECTIONS = new Set(['<', '>', '>>', '<<', '>&', '<&', '&>', '>|']);

/** Splits scanned tokens into simple commands. */
export function splitCommands(tokens: readonly ShellToken[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = { words: [] };
  let skipNextWord = false;
  for (const token of tokens) {
    if (token.kind === 'word') {
      if (skipNextWord) skipNextWord = false;
      else current.words.push(token.word);
      continue;
    }
    const op = token.operator.op;
    if (REDIRECTIONS.has(op)) {
      skipNextWord = true;
      continue;
    }
    if (SEPARATORS.has(op)) {
      if (current.words.length > 0) commands.push(current);
      current = { words: [], after: op };
      skipNextWord = false;
    }
  }
  if (current.words.length > 0) commands.push(current);
  return commands;
}

/**
 * The `|` pipe operators among the tokens (not `||`). A `|` between the patterns of a `case` clause
 * (`dev|beta) … ;;`) separates alternatives and is no pipe: the `case … in` / `)` / `;;` / `esac` structure
 * is followed (nested too) so only the `|` in the clauses' commands count.
 */
export function pipeOperators(tokens: readonly ShellToken[]): ShellOperator[] {
  const pipes: ShellOperator[] = [];
  // One entry per open `case`: reading its subject, its patterns, or a clause's commands.
  const cases: Array<'subject' | 'patterns' | 'commands'> = [];
  let commandStart = true;
  for (const token of tokens) {
    const inCase = cases[cases.length - 1];
    if (token.kind === 'word') {
      const word = token.word.plain ? token.word.value : undefined;
      if (word === 'case' && commandStart && inCase !== 'patterns') cases.push('subject');
      else if (word === 'in' && inCase === 'subject') cases[cases.length - 1] = 'patterns';
      else if (word === 'esac' && (inCase === 'patterns' || (inCase === 'commands' && commandStart))) cases.pop();
      commandStart = false;
      continue;
    }
    const op = token.operator.op;
    if (inCase === 'patterns') {
      if (op === ')') cases[cases.length - 1] = 'commands';
    } else if (inCase === 'commands' && (op === ';;' || op === ';&')) {
      cases[cases.length - 1] = 'patterns';
    } else if (op === '|' || op === '|&') {
      pipes.push(token.operator);
    }
    commandStart = !REDIRECTIONS.has(op);
  }
  return pipes;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Wrappers that run the rest of the command line as the real program. */
const WRAPPERS = new Set(['exec', 'command', 'nice', 'nohup', 'time', 'env', 'xargs']);
/**
 * Shell reserved words that may start a simple command's text
 * (`if npm test; then make; fi`, `! grep`, `{ go test; }`): the command word
 * comes after them. Plain words only: a quoted `'if'` is a program name.
 */
const RESERVED_PREFIXES = new Set(['!', '{', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);

/**
 * Index of the word that is the program actually run: leading variable
 * assignments, `sudo [options]` and wrappers such as `env` are skipped.
 * -1 when the command has no program.
 */
export function programIndex(words: readonly ShellWord[]): number {
  let i = 0;
  while (i < words.length) {
    const value = words[i].value;
    if (ASSIGNMENT.test(value) || (words[i].plain && RESERVED_PREFIXES.has(value))) {
      i++;
    } else if (value === 'sudo' || WRAPPERS.has(value)) {
      i++;
      while (i < words.length && (words[i].value.startsWith('-') || ASSIGNMENT.test(words[i].value))) {
        // `sudo -u app …`: an option that takes a value swallows the next word.
        if (value === 'sudo' && /^-[ugCDhprtT]$/.test(words[i].value)) i++;
        i++;
      }
    } else {
      return i;
    }
  }
  return -1;
}

/** The program's name without its directory (`/usr/bin/apt-get` → `apt-get`), or undefined. */
export function programName(command: ShellCommand): string | undefined {
  const index = programIndex(command.words);
  if (index === -1) return undefined;
  const value = command.words[index].value;
  return value.slice(value.lastIndexOf('/') + 1);
}

/** Words after the program (its arguments). */
export function programArguments(command: ShellCommand): ShellWord[] {
  const index = programIndex(command.words);
  return index === -1 ? [] : command.words.slice(index + 1);
}

/**
 * Bounds of the scripts kept: enough for every script of a large workflow, small beside its parse. Commands take
 * about 30 times their script's length (a word per token, with its offsets): 256 K characters of scripts are ~8 MB.
 */
const RECENT_SCRIPTS = 4096;
const RECENT_LENGTH = 1 << 18;

/**
 * The simple commands of a plain shell script (a CI `run:` or `script:` line): scanned once, split at operators.
 * Many rules and digests read the same script, so the last scripts' commands are kept (shared: never change them),
 * until a scan ends (scanLifetime.ts).
 */
const recentScripts = memoizedByText(
  (script): readonly ShellCommand[] => splitCommands(scanShell(script, 0, script.length).tokens),
  RECENT_SCRIPTS,
  RECENT_LENGTH,
);
forgottenWhenScansEnd(recentScripts.forget);
export const scriptCommands: (script: string) => readonly ShellCommand[] = recentScripts;
