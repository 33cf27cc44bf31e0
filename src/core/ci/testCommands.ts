import { programIndex, scriptCommands } from '../format/shell/shellCommands';

/**
 * "Does this script run the tests?", decided on the shell's own terms: the
 * script is tokenized (format/shell) and only the command word of each simple
 * command counts — after variable assignments, `sudo`, `time`, `exec`, `env`
 * and reserved words — with its arguments. Quoted text and the arguments of
 * `echo`/`printf` are never commands, so `echo "run npm test"` runs nothing.
 *
 * Shared by every CI reader: the GitHub Actions and GitLab CI rules and the
 * evidence scan's "CI runs the tests".
 */

/** Where a script runs its tests: the command as the shell reads it, and its offset in the script. */
export interface TestCommand {
  command: string;
  offset: number;
}

/** The first command of `script` that runs a test suite, or undefined. */
export function findTestCommand(script: string): TestCommand | undefined {
  return testCommandIn(script, 0);
}

/** Zero-based line, within the script, of a test command found in it. */
export function lineInScript(script: string, found: TestCommand): number {
  let line = 0;
  for (let i = 0; i < found.offset && i < script.length; i++) if (script.charCodeAt(i) === 10) line++;
  return line;
}

const MAX_DEPTH = 4;

function testCommandIn(script: string, depth: number): TestCommand | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const command of scriptCommands(script)) {
    const index = programIndex(command.words);
    if (index < 0) continue;
    const words = command.words.slice(index).map((word) => word.value);
    if (runsTestsWords(words, depth)) return { command: words.join(' '), offset: command.words[index].start };
  }
  return undefined;
}

/** Programs that are test runners whatever their arguments. */
const TEST_RUNNERS = new Set([
  'pytest',
  'py.test',
  'jest',
  'vitest',
  'mocha',
  'ava',
  'tap',
  'rspec',
  'phpunit',
  'pest',
  'ctest',
  'nosetests',
  'behave',
  'gotestsum',
  'ginkgo',
  'tape',
  'jasmine',
  'testem',
]);
/** Programs whose first non-option argument `test` runs the tests (`go test`, `cargo test`, `dotnet test`…). */
const TEST_SUBCOMMAND = new Set([
  'go',
  'dotnet',
  'mix',
  'swift',
  'flutter',
  'deno',
  'dart',
  'bazel',
  'bazelisk',
  'stack',
  'cabal',
  'zig',
  'meson',
  'xcodebuild',
  'elixir',
  'rebar3',
  'hatch',
  'rails',
  'bun',
  'vstest.console',
]);
/** Programs that run a named task or script: a test-like name among their arguments runs tests (`make test`, `turbo run test`). */
const TASK_RUNNERS = new Set(['make', 'gmake', 'just', 'task', 'mage', 'turbo', 'nx', 'lerna', 'rush', 'invoke', 'rake', 'ninja']);
/** Runners that run the rest of their arguments as a command (`uv run pytest`, `bundle exec rspec`, `npx jest`). */
const RUN_PREFIXES: Record<string, readonly string[]> = {
  uv: ['run'],
  poetry: ['run'],
  pipenv: ['run'],
  pdm: ['run'],
  rye: ['run'],
  hatch: ['run'],
  bundle: ['exec'],
  pnpm: ['exec', 'dlx'],
  yarn: ['exec', 'dlx'],
  conda: ['run'],
  micromamba: ['run'],
  nix: ['develop', 'shell'],
};
/** Wrappers that take options and then run a command (`xvfb-run -a npm test`, `timeout 10m go test`). */
const OPTION_WRAPPERS = new Set([
  'npx',
  'bunx',
  'uvx',
  'pipx',
  'xvfb-run',
  'dbus-run-session',
  'stdbuf',
  'catchsegv',
  'coverage-wrapper',
  'dotenv',
  'with-contenv',
  'retry',
]);

/** npm-style script names that run tests: test, tests, test:unit, test-ci, unit-test, e2e… */
const TEST_SCRIPT_NAME = /^(?:tests?|t|e2e|unittests?|integration)(?:[:_.-][\w:.-]*)?$|^[\w.-]*[:_-](?:tests?|e2e)$/i;
/** Make/task targets that run tests: test, tests, check, test-unit, unit-tests, e2e… */
const TEST_TARGET = /^(?:tests?|check|e2e|unittests?|integration|coverage)(?:[:_.-][\w:.-]*)?$|^[\w.-]*[:_-](?:tests?|e2e|check)$/i;
/** Maven and Gradle run tests as part of `package`/`build` — unless told not to. */
const SKIPPED_TESTS = /^-DskipTests(?:=true)?$|^-Dmaven\.test\.skip=true$|^-DskipITs$/;
/** tox and nox sessions that lint, type-check or build docs rather than test (`lint`, `lint-sdk`, `docs`, `mypy`). */
const NON_TEST_SESSION =
  /^(?:lint|linters?|format|fmt|style|flake8|pylint|mypy|pyright|types?|typing|typecheck|docs?|pre-commit|build|release|pep8|black|ruff|isort|bandit|safety|coverage-report|clean|generate|spellcheck|benchmarks?|bench)(?:[-_:.][\w.-]*)?$/i;
/** Options of the wrappers and runners above that take a value (`uvx --with tox-uv tox`, `uv run --group dev pytest`). */
const VALUE_OPTIONS = new Set([
  '--with',
  '--with-requirements',
  '--with-editable',
  '--group',
  '--only-group',
  '--no-group',
  '--extra',
  '--python',
  '-p',
  '--package',
  '--project',
  '--directory',
  '-C',
  '-P',
  '--env-file',
  '--index',
  '--from',
  '--spec',
  '-c',
  '--call',
  '-s',
  '--signal',
  '-k',
  '--kill-after',
  '--server-args',
  '-n',
  '--server-num',
  '-e',
  '--environment',
  '-f',
  '--filter',
  '--cwd',
]);

function runsTestsWords(words: readonly string[], depth: number): boolean {
  if (words.length === 0 || depth > MAX_DEPTH) return false;
  const program = baseName(words[0]);
  const args = words.slice(1);
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const first = operands[0];
  if (TEST_RUNNERS.has(program)) return true;
  if (program === 'npm' || program === 'pnpm' || program === 'yarn' || program === 'bun' || program === 'composer') {
    if (packageManagerRunsTests(program, args, depth)) return true;
  }
  if (TEST_SUBCOMMAND.has(program) && first === 'test') return true;
  if (program === 'cargo') return first === 'test' || first === 'nextest';
  if (program === 'hatch' && first === 'run') return runsTestsAfter(args, 'run', depth, true);
  if (program === 'pdm' && first === 'run' && isTestScriptName(operands[1])) return true;
  const prefixes = RUN_PREFIXES[program];
  if (prefixes && first !== undefined && prefixes.includes(first)) return runsTestsAfter(args, first, depth, false);
  if (OPTION_WRAPPERS.has(program)) return runsTestsWords(skipOptions(args), depth + 1);
  if (program === 'timeout') return runsTestsWords(skipOptions(args).slice(1), depth + 1);
  if (TASK_RUNNERS.has(program)) return taskOperands(program, args).some((target) => TEST_TARGET.test(target));
  if (/^mvn[dw]?$/.test(program))
    return (
      !args.some((arg) => SKIPPED_TESTS.test(arg)) &&
      operands.some((goal) => /^(?:[\w.-]+:)?(?:test|verify|install|package|integration-test)$/.test(goal) && !goal.includes(':'))
    );
  if (/^gradlew?$/.test(program))
    return (
      !excludesGradleTests(args) && operands.some((task) => /^(?:test|check|build|\w*Test)$/.test(task.slice(task.lastIndexOf(':') + 1)))
    );
  if (program === 'tox' || program === 'nox') return !onlyNonTestSessions(args);
  if (/^python(?:\d(?:\.\d+)?)?$/.test(program) || program === 'py') return pythonRunsTests(args, depth);
  if (program === 'coverage') return first === 'run' && pythonRunsTests(args.slice(args.indexOf('run') + 1), depth);
  if (program === 'cypress' || program === 'wdio' || program === 'testcafe') return first === 'run' || program !== 'cypress';
  if (program === 'playwright') return first === 'test';
  if (program === 'karma') return first === 'start' || first === 'run';
  if (program === 'node') return args.includes('--test');
  if (program === 'php')
    return first !== undefined && (/(?:^|\/)(?:phpunit|pest)$/.test(first) || (baseName(first) === 'artisan' && operands[1] === 'test'));
  if (program === 'sbt' || program === 'lein' || program === 'mill')
    return operands.some((task) => /^[+]?(?:test|testOnly|[\w.]+\.test)$/.test(task));
  if (program === 'cmake') return args.some((arg, i) => arg === '--target' && TEST_TARGET.test(args[i + 1] ?? ''));
  if (program === 'docker' || program === 'podman' || program === 'docker-compose' || program === 'podman-compose')
    return containerRunsTests(program, args, depth);
  if (program === 'sh' || program === 'bash' || program === 'zsh' || program === 'dash' || program === 'ksh')
    return shellRunsTests(args, depth);
  return isTestScriptPath(words[0]);
}

/** `npm test`, `npm run test:unit`, `yarn test`, `pnpm -r test`, `bun run test`, `composer test`, `yarn jest`. */
function packageManagerRunsTests(program: string, args: readonly string[], depth: number): boolean {
  const operands = withoutOptionValues(
    args,
    program === 'pnpm'
      ? ['--filter', '-F', '-C', '--dir', '--workspace-root']
      : program === 'yarn'
        ? ['--cwd']
        : ['--prefix', '-w', '--workspace'],
  );
  const first = operands[0];
  if (first === undefined) return false;
  if (program === 'npm' && ['t', 'tst', 'cit', 'it', 'install-test', 'install-ci-test', 'clean-install-test'].includes(first)) return true;
  if (first === 'test' || (program !== 'npm' && program !== 'bun' && isTestScriptName(first))) return true;
  if (
    first === 'run' ||
    first === 'run-script' ||
    (program === 'yarn' && first === 'workspaces') ||
    (program === 'yarn' && first === 'workspace')
  ) {
    return operands.slice(1).some((name) => isTestScriptName(name));
  }
  // `yarn jest`, `pnpm vitest run`: the package manager runs a binary of the project.
  if (program === 'yarn' || program === 'pnpm' || program === 'bun') return runsTestsWords(operands, depth + 1);
  return false;
}

function isTestScriptName(name: string | undefined): boolean {
  return name !== undefined && TEST_SCRIPT_NAME.test(name);
}

/** `uv run --frozen pytest`: the command after the runner's subcommand and its options. */
function runsTestsAfter(args: readonly string[], subcommand: string, depth: number, scriptNames: boolean): boolean {
  const rest = skipOptions(args.slice(args.indexOf(subcommand) + 1));
  if (scriptNames && isTestScriptName(rest[0])) return true;
  return runsTestsWords(rest, depth + 1);
}

/** Targets of `make -C dir -j4 test`, `just test`, `turbo run test --filter x`, `nx run-many -t test`, `rake spec`. */
function taskOperands(program: string, args: readonly string[]): string[] {
  const operands = withoutOptionValues(args, [
    '-C',
    '-f',
    '--directory',
    '--file',
    '--makefile',
    '-I',
    '--filter',
    '-p',
    '--projects',
  ]).filter((arg) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg));
  const targets = args.flatMap((arg, i) =>
    (arg === '-t' || arg === '--target' || arg === '--targets') && args[i + 1] ? args[i + 1].split(',') : [],
  );
  const named = [...operands.filter((word) => !['run', 'run-many', 'affected', 'exec'].includes(word)), ...targets];
  return program === 'rake' ? named.map((name) => (name === 'spec' ? 'test' : name)) : named;
}

function excludesGradleTests(args: readonly string[]): boolean {
  return args.some((arg, i) => (arg === '-x' || arg === '--exclude-task') && /(?:^|:)test$/.test(args[i + 1] ?? ''));
}

/** `tox -e lint`, `nox -s docs`: sessions that are all non-test ones. */
function onlyNonTestSessions(args: readonly string[]): boolean {
  const sessions = args.flatMap((arg, i) =>
    ['-e', '-s', '--session', '--sessions', '-k'].includes(arg) && args[i + 1] ? args[i + 1].split(',') : [],
  );
  return sessions.length > 0 && sessions.every((session) => NON_TEST_SESSION.test(session.trim()));
}

/** `python -m pytest`, `python -m unittest`, `python manage.py test`, `python runtests.py`. */
function pythonRunsTests(args: readonly string[], depth: number): boolean {
  const module = args.indexOf('-m');
  if (module >= 0) {
    const name = args[module + 1] ?? '';
    if (['pytest', 'unittest', 'nose', 'nose2', 'tox', 'nox', 'green'].includes(name))
      return !(name === 'tox' || name === 'nox') || !onlyNonTestSessions(args);
    if (name === 'coverage' && args[module + 2] === 'run') return pythonRunsTests(args.slice(module + 3), depth);
    return false;
  }
  const script = args.find((arg) => !arg.startsWith('-'));
  if (script === undefined) return false;
  if (baseName(script) === 'manage.py') return args[args.indexOf(script) + 1] === 'test';
  return isTestScriptPath(script);
}

/** `docker compose run --rm api npm test`, `docker compose run tests`, `docker compose up --exit-code-from tests`, `docker run img pytest`. */
function containerRunsTests(program: string, args: readonly string[], depth: number): boolean {
  const compose = program.endsWith('compose')
    ? args
    : args[args.findIndex((arg) => !arg.startsWith('-'))] === 'compose'
      ? args.slice(args.indexOf('compose') + 1)
      : undefined;
  if (compose) {
    const exitFrom = compose.findIndex((arg) => arg === '--exit-code-from' || arg.startsWith('--exit-code-from='));
    if (exitFrom >= 0) {
      const service = compose[exitFrom].includes('=') ? compose[exitFrom].split('=')[1] : compose[exitFrom + 1];
      if (TEST_TARGET.test(service ?? '')) return true;
    }
    const verb = compose.findIndex((arg) => arg === 'run' || arg === 'exec');
    return verb >= 0 && tailRunsTests(compose.slice(verb + 1), depth);
  }
  const verb = args.findIndex((arg) => !arg.startsWith('-'));
  return verb >= 0 && (args[verb] === 'run' || args[verb] === 'exec') && tailRunsTests(args.slice(verb + 1), depth);
}

/** After `run`/`exec`: a service or image named like tests, or a command among the remaining words that runs tests. */
function tailRunsTests(rest: readonly string[], depth: number): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (rest[i].startsWith('-')) continue;
    if (TEST_TARGET.test(rest[i].split(/[/:]/).filter(Boolean).pop() ?? '') || runsTestsWords(rest.slice(i), depth + 1)) return true;
  }
  return false;
}

/** `bash -c "npm test"` (the string is a script of its own), `bash scripts/test.sh`. */
function shellRunsTests(args: readonly string[], depth: number): boolean {
  // `-c`, `-ec`, `-xc`: lowercase option letters, one of them `c` (two checks: one `[a-z]*c[a-z]*` backtracks).
  const inline = args.findIndex((arg) => /^-[a-z]+$/.test(arg) && arg.includes('c'));
  if (inline >= 0) return args[inline + 1] !== undefined && testCommandIn(args[inline + 1], depth + 1) !== undefined;
  const script = args.find((arg) => !arg.startsWith('-'));
  return script !== undefined && isTestScriptPath(script);
}

/** A script of the repository named for tests: `./scripts/test.sh`, `ci/run-tests`, `./test`, `bin/unit_tests.sh`. */
function isTestScriptPath(word: string): boolean {
  const isPath = word.includes('/') || /\.(?:sh|bash|py|ps1)$/.test(word);
  if (!isPath) return false;
  const name = baseName(word).replace(/\.(?:sh|bash|py|ps1)$/, '');
  return /tests?|spec|e2e/i.test(name) && !/latest|attest|contest|protest|testdata/i.test(name);
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Options dropped, and with them the value each option in `withValue` takes (`--filter api test` → `test`). */
function withoutOptionValues(args: readonly string[], withValue: readonly string[]): string[] {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('-')) operands.push(args[i]);
  }
  return operands;
}

/** The words from the first one that is not an option or an option's value on (`--with tox-uv tox -e py` → `tox -e py`). */
function skipOptions(args: readonly string[]): string[] {
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith('-')) return args.slice(i);
  }
  return [];
}
