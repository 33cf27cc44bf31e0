import { withoutTrailingSlashes } from '../../glob/linearGlob';
import type { DockerfileModel } from './model';
import type { RunScript } from './runScripts';
import { programArguments, programName } from '../../format/shell/shellCommands';
import type { ShellCommand } from '../../format/shell/shellCommands';
import type { ShellWord } from '../../format/shell/shellScanner';

/** RUNs of the image that ships: package-manager leftovers only cost where they end up in a layer users pull. */
export function finalImageRuns(model: DockerfileModel): RunScript[] {
  return model.runs.filter((script) => script.stage !== undefined && model.finalChain.includes(script.stage));
}

/** `apt-get`/`apt` commands with the given subcommand (`install`, `update`), with that subcommand's word. */
export function aptCommands(
  script: RunScript,
  subcommand: string,
): Array<{ command: ShellCommand; program: ShellWord; action: ShellWord }> {
  const found: Array<{ command: ShellCommand; program: ShellWord; action: ShellWord }> = [];
  for (const command of script.commands) {
    const name = programName(command);
    if (name !== 'apt-get' && name !== 'apt') continue;
    const args = programArguments(command);
    const action = args.find((word) => !word.value.startsWith('-') && !isOptionValue(args, word));
    if (action?.value !== subcommand) continue;
    const program = command.words[command.words.length - args.length - 1];
    found.push({ command, program, action });
  }
  return found;
}

/** `apk add` commands, with the `add` word. */
export function apkAddCommands(script: RunScript): Array<{ command: ShellCommand; action: ShellWord }> {
  const found: Array<{ command: ShellCommand; action: ShellWord }> = [];
  for (const command of script.commands) {
    if (programName(command) !== 'apk') continue;
    const args = programArguments(command);
    const action = args.find((word) => !word.value.startsWith('-') && !isOptionValue(args, word));
    if (action?.value === 'add') found.push({ command, action });
  }
  return found;
}

/** apt's `-o Key=Value`, `-c file`, `-t release` and apk's `-X repo`, `-p root` take the next word as value. */
function isOptionValue(args: readonly ShellWord[], word: ShellWord): boolean {
  const index = args.indexOf(word);
  return index > 0 && /^-[octXpqa]$/.test(args[index - 1].value);
}

/** True when some `rm` in the script removes `path` (or something below it): `rm -rf /var/lib/apt/lists/*`. */
export function removesPath(script: RunScript, path: string): boolean {
  return script.commands.some(
    (command) => programName(command) === 'rm' && programArguments(command).some((word) => word.value.startsWith(path)),
  );
}

/** True when the RUN mounts a cache or tmpfs over `path` (`--mount=type=cache,target=/var/lib/apt`): nothing stays in the layer. */
export function mountsOver(script: RunScript, path: string): boolean {
  return script.flags.some((flag) => {
    if (flag.name !== 'mount') return false;
    const target = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(flag.value)?.[1];
    const folder = target === undefined ? undefined : withoutTrailingSlashes(target);
    return folder !== undefined && (path === folder || path.startsWith(`${folder}/`));
  });
}

/** True when the script runs apt-get or apt (the apt rules' hovers anchor on it, whatever it does with them). */
export function installsWithApt(script: RunScript): boolean {
  return script.commands.some((command) => {
    const program = programName(command);
    return program === 'apt-get' || program === 'apt';
  });
}
