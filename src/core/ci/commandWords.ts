import { programIndex, scriptCommands } from '../format/shell/shellCommands';

/**
 * The commands a CI script really runs, as the one shell tokenizer reads
 * them: per simple command, its words from the program on (assignments,
 * `sudo`, `env` and the like skipped, quotes removed) and the offset of the
 * program in the script. Commands that only print (`echo "npm test"`,
 * `printf`, `cat`) run nothing and are left out, so no CI signal is ever
 * claimed from text a script merely shows; so are commands that install a
 * tool (`pip install ruff`, `npm install -g eslint`): installing a linter
 * does not lint.
 */
export interface RunCommand {
  words: string[];
  /** Offset of the program word in the script. */
  offset: number;
}

/** Programs that take text, not commands. */
const PRINTS = new Set(['echo', 'printf', 'cat', 'true', ':']);

export function runCommands(script: string): RunCommand[] {
  const found: RunCommand[] = [];
  for (const command of scriptCommands(script)) {
    const index = programIndex(command.words);
    if (index < 0) continue;
    const words = command.words.slice(index).map((word) => word.value);
    if (PRINTS.has(words[0]) || installsPackages(words)) continue;
    found.push({ words, offset: command.words[index].start });
  }
  return found;
}

/**
 * Package managers and the subcommands with which they install (`pip install`, `apt-get install`); a
 * two-word entry must be the first two operands (`uv tool install ruff`, where `uv tool run ruff` runs it).
 */
const INSTALLERS: Record<string, readonly string[]> = {
  pip: ['install', 'download'],
  pip3: ['install', 'download'],
  pipx: ['install'],
  uv: ['pip install', 'tool install', 'add', 'sync'],
  poetry: ['add', 'install'],
  npm: ['install', 'i', 'ci', 'add'],
  yarn: ['add', 'install', 'global'],
  pnpm: ['add', 'install', 'i'],
  bun: ['add', 'install', 'i'],
  gem: ['install'],
  cargo: ['install', 'binstall'],
  go: ['install', 'get'],
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  brew: ['install'],
  choco: ['install'],
  composer: ['require', 'install', 'global'],
  dotnet: ['tool install', 'tool restore'],
};

/** True when the command installs packages rather than running one (`pip install -U ruff`, `python -m pip install mypy`). */
export function installsPackages(words: readonly string[]): boolean {
  const program = words[0].slice(words[0].lastIndexOf('/') + 1);
  const rest = /^python[\d.]*$/.test(program) && words[1] === '-m' ? words.slice(2) : words;
  const name = rest[0] === undefined ? '' : rest[0].slice(rest[0].lastIndexOf('/') + 1);
  const operands = rest.slice(1).filter((word) => !word.startsWith('-'));
  if (operands.length === 0) return false;
  const subcommands = INSTALLERS[name] ?? [];
  return subcommands.includes(operands[0]) || subcommands.includes(`${operands[0]} ${operands[1] ?? ''}`);
}

/** Zero-based line, within the script, of an offset. */
export function lineOfOffset(script: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < script.length; i++) if (script.charCodeAt(i) === 10) line++;
  return line;
}
