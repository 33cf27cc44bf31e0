/**
 * What a CI shell script does, judged from its text. Shared by the GitHub
 * Actions and GitLab CI rules: both run ordinary shell scripts, so "downloads
 * and executes" and "runs the tests" read the same in either.
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

const TEST_COMMANDS: readonly RegExp[] = [
  /\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?test(?:[:-][\w:-]+)?\b/,
  /\bnpm\s+(?:t|cit|install-ci-test|it|install-test)\b(?!-)/,
  /\b(?:jest|vitest|mocha|ava|karma|cypress\s+run|playwright\s+test)\b/,
  /\bpytest\b|\bpython3?\s+-m\s+(?:pytest|unittest)\b|\b(?:tox|nox)\b(?!\.)/,
  /\bgo\s+test\b/,
  /\b(?:mvn|mvnw)\b[^\n]*\b(?:test|verify|install|package)\b/,
  /\b(?:gradle|gradlew)\b[^\n]*\b(?:test|check|build)\b/,
  /\bcargo\s+(?:test|nextest)\b/,
  /\bdotnet\s+test\b/,
  /\bmake\s+(?:[\w.-]+\s+)*(?:test|check|tests)\b/,
  /\b(?:rspec|phpunit|ctest|pest)\b/,
  /\brake\s+(?:test|spec)\b/,
  /\b(?:mix|swift|flutter|deno|dart|bazel|bazelisk|sbt|lein)\s+(?:[\w-]+\s+)*?test\b/,
  /\bcomposer\s+(?:run(?:-script)?\s+)?test\b/,
];

/** Maven and Gradle run tests as part of `package`/`build` — unless told not to. */
const SKIPPED_TESTS = /-DskipTests\b|-Dmaven\.test\.skip=true\b|(?:^|\s)-x\s+test\b/;

/** True when the script runs a test suite (`npm test`, `pytest`, `go test ./...`, `mvn verify`, …). */
export function runsTests(script: string): boolean {
  for (const line of script.split(/\r?\n/)) {
    if (SKIPPED_TESTS.test(line)) continue;
    if (TEST_COMMANDS.some((pattern) => pattern.test(line))) return true;
  }
  return false;
}
