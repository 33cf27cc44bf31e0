import { programArguments, programName, scriptCommands } from '../format/shell/shellCommands';
import type { ShellCommand } from '../format/shell/shellCommands';

/**
 * "Does this script deploy or publish?", on the shell's own terms (one tokenizer for every script): the
 * command word and its subcommand decide, so `echo "deploy later"`, `cargo build --release` or a job
 * merely named "release" deploy nothing.
 */

/** Programs whose first argument decides: `kubectl apply`, `helm upgrade`, `npm publish`… */
const DEPLOYING_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  kubectl: ['apply', 'rollout', 'set', 'replace', 'create'],
  helm: ['upgrade', 'install'],
  helmfile: ['apply', 'sync'],
  terraform: ['apply'],
  tofu: ['apply'],
  pulumi: ['up'],
  npm: ['publish'],
  yarn: ['publish'],
  pnpm: ['publish'],
  cargo: ['publish'],
  poetry: ['publish'],
  gem: ['push'],
  twine: ['upload'],
  flyctl: ['deploy'],
  fly: ['deploy'],
  vercel: ['deploy', '--prod'],
  netlify: ['deploy'],
  firebase: ['deploy'],
  serverless: ['deploy'],
  sls: ['deploy'],
  cdk: ['deploy'],
  wrangler: ['deploy', 'publish'],
  eb: ['deploy'],
  skaffold: ['run', 'deploy'],
  ansible: [],
  'ansible-playbook': [],
};

/** Two-word commands: `gh release create`, `gcloud run deploy`, `dotnet nuget push`, `aws ecs update-service`… */
const DEPLOYING_PHRASES: ReadonlyArray<readonly string[]> = [
  ['gh', 'release', 'create'],
  ['dotnet', 'nuget', 'push'],
  ['gcloud', 'run', 'deploy'],
  ['gcloud', 'app', 'deploy'],
  ['gcloud', 'functions', 'deploy'],
  ['az', 'webapp', 'deploy'],
  ['az', 'containerapp', 'update'],
  ['aws', 'ecs', 'update-service'],
  ['aws', 'lambda', 'update-function-code'],
  ['aws', 's3', 'sync'],
];

/** Runners of named tasks: `make deploy`, `npm run deploy`, `just release`… deploy when the task is named so. */
const TASK_RUNNERS = new Set(['make', 'just', 'task', 'npm', 'yarn', 'pnpm', 'bun', 'rake', 'invoke', 'nox', 'tox']);

/** Task and script names that deploy or publish: their first word (`deploy-prod`, `release:npm`; not `build:release`). */
const DEPLOYING_WORDS = new Set(['deploy', 'deployment', 'publish', 'release', 'rollout', 'ship', 'promote']);

/** Programs that deploy to a Kubernetes cluster: into a throwaway one (kind, k3d, minikube) they deploy nothing. */
const CLUSTER_PROGRAMS = new Set(['kubectl', 'helm', 'helmfile', 'skaffold']);

/** Commands that start a throwaway cluster on the CI runner: `kind create cluster`, `k3d cluster create`, `minikube start`. */
const THROWAWAY_CLUSTER_PHRASES: ReadonlyArray<readonly string[]> = [
  ['kind', 'create', 'cluster'],
  ['k3d', 'cluster', 'create'],
  ['minikube', 'start'],
];

const THROWAWAY_CLUSTER_PROGRAMS = new Set(THROWAWAY_CLUSTER_PHRASES.map(([program]) => program));

/**
 * True when the script runs a command that deploys or publishes. `kubectl apply` or `helm install` into a
 * cluster the job starts on its runner (`throwawayCluster`, or a `kind create cluster` in the same
 * script) is an installation test, not a deployment.
 */
export function deploysIn(script: string, throwawayCluster = false): boolean {
  const commands = scriptCommands(script);
  const verdicts = verdictsOf(commands);
  if (throwawayCluster || (verdicts.throwaway ??= commands.some(startsThrowawayCluster)))
    return (verdicts.deploysBesideThrowaway ??= commands.some((command) => isDeployCommand(command, true)));
  return (verdicts.deploys ??= commands.some((command) => isDeployCommand(command, false)));
}

/** True when the script starts a throwaway Kubernetes cluster on the runner. */
export function startsThrowawayClusterIn(script: string): boolean {
  const commands = scriptCommands(script);
  const verdicts = verdictsOf(commands);
  return (verdicts.throwaway ??= commands.some(startsThrowawayCluster));
}

/**
 * What was answered about one script, kept with its commands: `scriptCommands` hands out the same commands for
 * the same text (its recent scripts), so the rules asking about every job's scripts, and the editor re-analysing
 * a file after an edit, answer each script once. Keyed by the commands (never changed), so an answer cannot
 * outlive the text it is about.
 */
interface ScriptVerdicts {
  throwaway?: boolean;
  deploys?: boolean;
  /** Deploys even where the job (or the script) starts a throwaway cluster. */
  deploysBesideThrowaway?: boolean;
}

const VERDICTS = new WeakMap<readonly ShellCommand[], ScriptVerdicts>();

function verdictsOf(commands: readonly ShellCommand[]): ScriptVerdicts {
  let verdicts = VERDICTS.get(commands);
  if (!verdicts) VERDICTS.set(commands, (verdicts = {}));
  return verdicts;
}

/** Context flags of kubectl, helm, helmfile and skaffold: with one, the command may reach a cluster other than the throwaway one. */
const CONTEXT_FLAGS = ['--context', '--kube-context', '--kubeconfig'];
/** Context names kind, k3d and minikube give their clusters. */
const THROWAWAY_CONTEXT_PREFIXES = ['kind-', 'k3d-', 'minikube'];

/** True when the arguments point the command at a cluster that is not a kind, k3d or minikube one. */
function namesOtherCluster(args: readonly string[]): boolean {
  return args.some((arg, i) => {
    const flag = CONTEXT_FLAGS.find((each) => arg === each || arg.startsWith(`${each}=`));
    if (!flag) return false;
    const value = arg === flag ? (args[i + 1] ?? '') : arg.slice(flag.length + 1);
    return flag === '--kubeconfig' || !THROWAWAY_CONTEXT_PREFIXES.some((prefix) => value.startsWith(prefix));
  });
}

function startsThrowawayCluster(command: ShellCommand): boolean {
  const program = programName(command);
  if (!THROWAWAY_CLUSTER_PROGRAMS.has(program ?? '')) return false;
  const args = programArguments(command).map((word) => word.value);
  return THROWAWAY_CLUSTER_PHRASES.some(([first, ...rest]) => first === program && rest.every((word, i) => args[i] === word));
}

function isDeployCommand(command: ShellCommand, throwawayCluster: boolean): boolean {
  const program = programName(command);
  if (!program) return false;
  const args = programArguments(command).map((word) => word.value);
  if (throwawayCluster && CLUSTER_PROGRAMS.has(program) && !namesOtherCluster(args)) return false;
  // A draft release is published by a person later (or never): drafting it deploys nothing.
  if (program === 'gh' && args[0] === 'release' && args[1] === 'create' && (args.includes('--draft') || args.includes('-d'))) return false;
  const subcommands = Object.hasOwn(DEPLOYING_SUBCOMMANDS, program) ? DEPLOYING_SUBCOMMANDS[program] : undefined;
  if (subcommands)
    return (
      subcommands.length === 0 ||
      subcommands.some((each) => args.includes(each) && (each.startsWith('-') || args[0] === each || program === 'kubectl'))
    );
  if (DEPLOYING_PHRASES.some(([first, ...rest]) => first === program && rest.every((word, i) => args[i] === word))) return true;
  // `./scripts/deploy.sh`, `bin/release`: a script named for what it does.
  if (nameSaysDeploy(program.replace(/\.(?:sh|bash|py|js|ts|rb)$/, ''))) return true;
  if (TASK_RUNNERS.has(program)) {
    const task = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args.find((arg) => !arg.startsWith('-'));
    return task !== undefined && nameSaysDeploy(task);
  }
  return false;
}

function nameSaysDeploy(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return DEPLOYING_WORDS.has(base.split(/[-_.:]+/)[0] ?? '');
}
