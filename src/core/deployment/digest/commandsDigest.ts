import { programArguments, programName, scriptCommands } from '../../format/shell/shellCommands';
import type { ShellCommand } from '../../format/shell/shellCommands';
import type { ShellWord } from '../../format/shell/shellScanner';
import type { ScriptText } from '../../format/ci/githubWorkflowModel';
import type { ComposeChainDigest, ImageBuildDigest, NamespacedApplyDigest } from '../types';

/** Options of `docker build` that take a value (the next word, unless written `--opt=value`). */
const BUILD_OPTIONS_WITH_VALUE = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--target',
  '--build-arg',
  '--build-context',
  '--platform',
  '--label',
  '--cache-from',
  '--cache-to',
  '--secret',
  '--ssh',
  '-o',
  '--output',
  '--progress',
  '--network',
  '--iidfile',
  '--builder',
  '--metadata-file',
  '--add-host',
  '--shm-size',
  '--ulimit',
  '--annotation',
  '--attest',
]);

/** Options of `docker compose` (before its subcommand) that take a value. */
const COMPOSE_OPTIONS_WITH_VALUE = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--env-file',
  '--profile',
  '--project-directory',
  '--ansi',
  '--parallel',
  '--progress',
]);

/**
 * The compose file chains (`docker compose -f a.yml -f b.yml …`) and image
 * builds (`docker build -f x --target y ctx`) in scripts, read with the one
 * shell tokenizer (so `echo docker build` is not a build). Paths stay as
 * written: the caller knows the folder a script runs in. Words with
 * expansions (`-f $FILE`) are unknown and left out, never guessed.
 */
export function commandsIn(scripts: readonly ScriptText[]): {
  composeChains: ComposeChainDigest[];
  imageBuilds: ImageBuildDigest[];
  stackChains: ComposeChainDigest[];
  namespacedApplies?: NamespacedApplyDigest[];
} {
  const composeChains: ComposeChainDigest[] = [];
  const imageBuilds: ImageBuildDigest[] = [];
  const stackChains: ComposeChainDigest[] = [];
  const namespacedApplies: NamespacedApplyDigest[] = [];
  for (const script of scripts) {
    for (const command of scriptCommands(script.text)) {
      const line = script.line + lineWithin(script.text, command.words[0]?.start ?? 0);
      const files = composeFiles(command);
      if (files && files.length > 0) composeChains.push({ line, files });
      const build = imageBuild(command);
      if (build) imageBuilds.push({ line, ...build });
      const stack = stackFiles(command);
      if (stack && stack.length > 0) stackChains.push({ line, files: stack });
      const applied = namespacedApply(command);
      if (applied) namespacedApplies.push({ line, ...applied });
    }
  }
  return { composeChains, imageBuilds, stackChains, ...(namespacedApplies.length > 0 ? { namespacedApplies } : {}) };
}

/** Options of kubectl that take a value (global ones and `apply`/`create`'s). */
const KUBECTL_OPTIONS_WITH_VALUE = new Set([
  '-n',
  '--namespace',
  '-f',
  '--filename',
  '-k',
  '--kustomize',
  '--context',
  '--cluster',
  '--kubeconfig',
  '--user',
  '-l',
  '--selector',
  '-o',
  '--output',
  '--field-manager',
  '--server-side',
]);

/**
 * `kubectl apply|create|replace -n <namespace> -f <file or folder>` (`-k` too): the files it applies into a
 * namespace given on the command line. A namespace written as a variable (`-n $NAMESPACE`) is still one given;
 * files with expansions are unknown and left out.
 */
function namespacedApply(command: ShellCommand): Omit<NamespacedApplyDigest, 'line'> | undefined {
  if (programName(command) !== 'kubectl') return undefined;
  const args = programArguments(command);
  const subcommand = positionals(args, KUBECTL_OPTIONS_WITH_VALUE)[0]?.value;
  if (subcommand !== 'apply' && subcommand !== 'create' && subcommand !== 'replace') return undefined;
  let namespace: string | undefined;
  const files: string[] = [];
  for (const { option, value } of options(args, KUBECTL_OPTIONS_WITH_VALUE)) {
    if ((option === '-n' || option === '--namespace') && value && value.value !== '') namespace = value.value;
    else if (['-f', '--filename', '-k', '--kustomize'].includes(option) && value && !value.expansion && !value.value.includes('://'))
      files.push(value.value);
  }
  return namespace !== undefined && files.length > 0 ? { namespace, files } : undefined;
}

function lineWithin(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The `-f` files of a compose invocation in order, or undefined when the command is not one. */
function composeFiles(command: ShellCommand): string[] | undefined {
  const program = programName(command);
  let args = programArguments(command);
  if (program === 'docker' || program === 'podman') {
    if (args[0]?.value !== 'compose') return undefined;
    args = args.slice(1);
  } else if (program !== 'docker-compose' && program !== 'podman-compose') {
    return undefined;
  }
  const files: string[] = [];
  for (const { option, value } of options(args, COMPOSE_OPTIONS_WITH_VALUE)) {
    if ((option === '-f' || option === '--file') && value && !value.expansion) files.push(value.value);
  }
  return files;
}

/** Options of `docker stack deploy` that take a value. */
const STACK_OPTIONS_WITH_VALUE = new Set(['-c', '--compose-file', '--resolve-image', '--prune']);

/** The compose files of `docker stack deploy -c a.yml [-c b.yml] name`, or undefined when the command is not one. */
function stackFiles(command: ShellCommand): string[] | undefined {
  const args = programArguments(command);
  if (programName(command) !== 'docker' || args[0]?.value !== 'stack' || (args[1]?.value !== 'deploy' && args[1]?.value !== 'up'))
    return undefined;
  return options(args.slice(2), STACK_OPTIONS_WITH_VALUE).flatMap(({ option, value }) =>
    (option === '-c' || option === '--compose-file') && value && !value.expansion ? [value.value] : [],
  );
}

/** `docker build`, `docker buildx build`, `docker image build`, `podman build`: the Dockerfile, target and tags. */
function imageBuild(command: ShellCommand): Omit<ImageBuildDigest, 'line'> | undefined {
  const program = programName(command);
  let args = programArguments(command);
  if (program !== 'docker' && program !== 'podman') return undefined;
  if (args[0]?.value === 'buildx' || args[0]?.value === 'image') args = args.slice(1);
  if (args[0]?.value !== 'build') return undefined;
  args = args.slice(1);
  let file: ShellWord | undefined;
  let target: string | undefined;
  const tags: string[] = [];
  let unknown = false;
  for (const { option, value } of options(args, BUILD_OPTIONS_WITH_VALUE)) {
    if (option === '-f' || option === '--file') file = value;
    else if (option === '--target' && value) target = value.value;
    else if ((option === '-t' || option === '--tag') && value) {
      const tag = knownRepository(value.value, value.expansion);
      if (tag) tags.push(tag);
    }
    if ((option === '-f' || option === '--file' || option === '--target') && value?.expansion) unknown = true;
  }
  const context = positionals(args, BUILD_OPTIONS_WITH_VALUE)[0];
  const build: Omit<ImageBuildDigest, 'line'> = { tags };
  if (!unknown && context && !context.expansion && context.value !== '-' && !context.value.includes('://')) {
    // `-f` is relative to the working directory, not the context; without it, the context's Dockerfile.
    build.dockerfile = file ? file.value : contextDockerfile(context.value);
  }
  if (target && !unknown) build.target = target;
  return build;
}

interface OptionWord {
  option: string;
  value?: ShellWord;
}

/** The options among `args` (up to `--`), each with its value (`-f x`, `--file=x`, `-fx` is not split). */
function options(args: readonly ShellWord[], withValue: ReadonlySet<string>): OptionWord[] {
  const found: OptionWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (word === '--') break;
    if (!word.startsWith('-')) continue;
    const equals = word.indexOf('=');
    if (word.startsWith('--') && equals > 0) {
      const value = { ...args[i], value: word.slice(equals + 1) };
      found.push({ option: word.slice(0, equals), value });
    } else if (withValue.has(word)) {
      found.push({ option: word, value: args[i + 1] });
      i++;
    } else {
      found.push({ option: word });
    }
  }
  return found;
}

/** The words that are neither options nor option values. */
function positionals(args: readonly ShellWord[], withValue: ReadonlySet<string>): ShellWord[] {
  const found: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (word.startsWith('-') && word !== '-') {
      if (withValue.has(word)) i++;
      continue;
    }
    found.push(args[i]);
  }
  return found;
}

/** The Dockerfile a build context holds by default (`./api/` → `./api/Dockerfile`); a loop, not a `/\/+$/` regex (polynomial). */
export function contextDockerfile(context: string): string {
  let end = context.length;
  while (end > 1 && context[end - 1] === '/') end--;
  return `${context.slice(0, end)}/Dockerfile`;
}

/**
 * A tag whose repository is literal: `acme/api:1.2` as written, `ghcr.io/acme/api:${{ github.sha }}` as its
 * repository alone (the tag is only known when the build runs); undefined when the repository itself is not literal.
 */
export function knownRepository(tag: string, expansion: boolean): string | undefined {
  if (!expansion) return tag;
  const colon = tag.lastIndexOf(':');
  const repository = colon > tag.lastIndexOf('/') ? tag.slice(0, colon) : tag;
  return repository.includes('$') ? undefined : repository;
}
