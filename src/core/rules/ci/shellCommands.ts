/**
 * What a CI shell script does, judged from its text. Shared by the GitHub
 * Actions and GitLab CI rules: both run ordinary shell scripts, so "downloads
 * and executes" reads the same in either. ("Runs the tests" is decided on
 * tokenized commands, for the rules and the evidence alike: core/ci/testCommands.)
 *
 * These are regular expressions over a *script string* (a YAML value), never
 * over YAML itself.
 */

/** Anything on the same logical line: not a pipe, `;` or `&&`, but line continuations are followed. */
const SAME_COMMAND = String.raw`(?:[^|\n;&]|&(?!&)|\\\r?\n)*`;
const SHELL = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|k|da|a)?sh\b`;

/** Where a command starts: the script's or a line's start, or after `;`, `&&`, `|`, `(`, `{`, `$(` — optionally behind `sudo`. */
const COMMAND_START = String.raw`(?:^|(?<=[;&|({\n]|\$\())[ \t]*(?:sudo\s+(?:-\S+\s+)*)?`;

const REMOTE_SCRIPT_PATTERNS: readonly RegExp[] = [
  // curl -fsSL https://get.example.sh | sh   /   wget -qO- … | sudo bash -s -- …
  new RegExp(String.raw`${COMMAND_START}\b(?:curl|wget)\b${SAME_COMMAND}\|\s*${SHELL}`, 'g'),
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

/** Every place where a script downloads code and runs it in a shell without saving or verifying it. */
export function findRemoteScriptExecution(script: string): ScriptMatch[] {
  const matches: ScriptMatch[] = [];
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
