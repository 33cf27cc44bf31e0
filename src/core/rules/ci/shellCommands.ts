/**
 * What a CI shell script does, judged from its text. Shared by the GitHub
 * Actions and GitLab CI rules: both run ordinary shell scripts, so "downloads
 * and executes" reads the same in either. ("Runs the tests" is decided on
 * tokenized commands, for the rules and the evidence alike: core/ci/testCommands.)
 *
 * They read a *script string* (a YAML value), never YAML itself: pipelines
 * through the shell tokenizer, the process-substitution forms by regexes.
 */
import { programIndex, programName, scriptCommands } from '../../format/shell/shellCommands';
import type { ShellCommand } from '../../format/shell/shellCommands';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'ksh', 'dash', 'ash']);
const DOWNLOADERS = new Set(['curl', 'wget']);

const REMOTE_SCRIPT_PATTERNS: readonly RegExp[] = [
  // bash <(curl …)   /   source <(wget -O- …)   /   . <(curl …)
  new RegExp(String.raw`(?:\b(?:ba|z|k)?sh|\bsource|(?:^|\s)\.)\s+<\(\s*(?:curl|wget)\b[^)\n]*\)?`, 'g'),
  // sh -c "$(curl …)"
  new RegExp(String.raw`\b(?:ba|z|k|da)?sh\s+-c\s+["']?\$\(\s*(?:curl|wget)\b[^)\n]*\)?`, 'g'),
];

export interface ScriptMatch {
  /** Offset of the match in the searched text. */
  index: number;
  text: string;
}

/**
 * Every place where a script downloads code and runs it in a shell without saving or verifying it.
 * A caller that has tokenized the script already (a Dockerfile RUN, scanned with the Dockerfile's
 * escape character and heredocs) passes its commands, with `offset`: the position of `script[0]`
 * in the text the commands' word offsets count in.
 */
export function findRemoteScriptExecution(
  script: string,
  commands: readonly ShellCommand[] = scriptCommands(script),
  offset = 0,
): ScriptMatch[] {
  const matches: ScriptMatch[] = pipedIntoShell(script, commands, offset);
  for (const pattern of REMOTE_SCRIPT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(script); match; match = pattern.exec(script)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const index = match.index + (match[0].length - match[0].trimStart().length);
      if (!matches.some((known) => index < known.index + known.text.length && known.index < index + match![0].length)) {
        matches.push({ index, text: match[0].trim() });
      }
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/**
 * `curl -fsSL https://get.example.sh | sh`, `wget -qO- … | sudo bash -s`:
 * read from the tokenized pipeline (a download program piped straight into a
 * shell program, `sudo` and its options allowed on either side), so quotes,
 * `&&` and line continuations are the shell's, and no regex scans the line.
 * The match runs from the download command's first word to the shell's name.
 */
function pipedIntoShell(script: string, commands: readonly ShellCommand[], offset: number): ScriptMatch[] {
  const matches: ScriptMatch[] = [];
  for (let i = 1; i < commands.length; i++) {
    const [left, right] = [commands[i - 1], commands[i]];
    if (right.after !== '|' && right.after !== '|&') continue;
    if (!DOWNLOADERS.has(programName(left) ?? '') || !SHELLS.has(programName(right) ?? '')) continue;
    const start = left.words[0].start - offset;
    const end = right.words[programIndex(right.words)].end - offset;
    matches.push({ index: start, text: script.slice(start, end) });
  }
  return matches;
}
