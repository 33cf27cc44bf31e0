import { JSONInstruction } from 'dockerfile-ast';
import type { Instruction, Run } from 'dockerfile-ast';
import type { PositionMapper } from '../../text';
import type { BuildStage } from './buildStage';
import { splitCommands } from '../../format/shell/shellCommands';
import type { ShellCommand } from '../../format/shell/shellCommands';
import { scanShell } from '../../format/shell/shellScanner';
import type { ShellCommentToken, ShellToken, ShellWord } from '../../format/shell/shellScanner';

/** A RUN flag such as `--mount=type=cache,target=/var/lib/apt`. */
export interface RunFlag {
  name: string;
  value: string;
}

/** The shell script of one shell-form RUN, scanned once for every RUN rule. */
export interface RunScript {
  instruction: Run;
  stage: BuildStage;
  /** True when the script is a heredoc body (`RUN <<EOF`): fixes that append to the command line do not apply. */
  heredoc: boolean;
  flags: RunFlag[];
  tokens: ShellToken[];
  commands: ShellCommand[];
  comments: ShellCommentToken[];
  /** All words of the script, in order (flags excluded). */
  words: ShellWord[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const FLAG = /^--([A-Za-z][A-Za-z0-9-]*)(?:=(.*))?$/;

/**
 * Scans every shell-form RUN. Exec-form RUNs (`RUN ["apt-get", …]`) run no
 * shell and are left out; so are heredocs fed to another program
 * (`RUN python3 <<EOF`), whose body is not shell.
 *
 * The arguments are read straight from the text between the keyword and the
 * end of the instruction: dockerfile-ast re-tokenises an instruction on every
 * argument query, which would dominate the analysis time of large files.
 */
/** What runScripts reads of the Dockerfile model (model.ts builds the model from its result). */
export interface RunScriptsInput {
  text: string;
  mapper: PositionMapper;
  escapeChar: string;
  stages: readonly BuildStage[];
}

export function runScripts(model: RunScriptsInput): RunScript[] {
  const scripts: RunScript[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const script = scanRun(model, instruction as Run, stage);
      if (script) scripts.push(script);
    }
  }
  return scripts;
}

function scanRun(model: RunScriptsInput, run: Run, stage: BuildStage): RunScript | undefined {
  const start = model.mapper.offset(run.getInstructionRange().end);
  const end = model.mapper.offset(run.getRange().end);
  const scan = scanShell(model.text, start, end, { dockerfileEscape: model.escapeChar });
  const flags: RunFlag[] = [];
  let firstCommandToken = 0;
  for (const token of scan.tokens) {
    const flag = token.kind === 'word' ? FLAG.exec(token.word.value) : null;
    if (!flag) break;
    flags.push({ name: flag[1].toLowerCase(), value: flag[2] ?? '' });
    firstCommandToken++;
  }
  const tokens = scan.tokens.slice(firstCommandToken);
  const first = tokens[0];
  const startsWithHeredoc = first?.kind === 'op' && first.operator.op === '<<';
  if (startsWithHeredoc) return heredocScript(model, run, stage, flags);
  if (first?.kind === 'word' && first.word.value.startsWith('[') && isExecForm(run)) return undefined;
  if (tokens.some((token) => token.kind === 'op' && token.operator.op === '<<') && run.getHeredocs().length > 0) {
    return runsHeredocAsShell(tokens) ? heredocScript(model, run, stage, flags) : undefined;
  }
  return script(run, stage, false, flags, tokens, scan.comments);
}

/** `RUN <<EOF` or `RUN bash <<EOF`: the heredoc bodies are the script. */
function heredocScript(model: RunScriptsInput, run: Run, stage: BuildStage, flags: RunFlag[]): RunScript | undefined {
  const tokens: ShellToken[] = [];
  const comments: ShellCommentToken[] = [];
  for (const heredoc of run.getHeredocs()) {
    const content = heredoc.getContentRange();
    if (!content) continue;
    const start = model.mapper.offset(content.start);
    const scan = scanShell(model.text, start, model.mapper.offset(content.end));
    // Separate the bodies of `RUN <<A <<B` so the last command of one does not run on into the next.
    if (tokens.length > 0) tokens.push({ kind: 'op', operator: { op: '\n', start, end: start } });
    tokens.push(...scan.tokens);
    comments.push(...scan.comments);
  }
  return script(run, stage, true, flags, tokens, comments);
}

function script(
  run: Run,
  stage: BuildStage,
  heredoc: boolean,
  flags: RunFlag[],
  tokens: ShellToken[],
  comments: ShellCommentToken[],
): RunScript {
  const words = tokens.flatMap((token) => (token.kind === 'word' ? [token.word] : []));
  return { instruction: run, stage, heredoc, flags, tokens, commands: splitCommands(tokens), comments, words };
}

/** Exec form: a valid JSON array (Docker falls back to shell form for anything else, e.g. `RUN [ -f x ]`). */
export function isExecForm(instruction: Instruction): boolean {
  if (!(instruction instanceof JSONInstruction)) return false;
  return instruction.getOpeningBracket() !== null && instruction.getClosingBracket() !== null;
}

/** `RUN bash <<EOF` / `RUN sh -e <<EOF`: a shell reads the heredoc (not `RUN python3 <<EOF`). */
function runsHeredocAsShell(tokens: readonly ShellToken[]): boolean {
  const first = tokens[0];
  if (first?.kind !== 'word') return false;
  const program = first.word.value.slice(first.word.value.lastIndexOf('/') + 1);
  return SHELLS.has(program);
}
