import type { CiJob, EvidenceFacts } from '../facts';
import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { allScalarText } from './ciText';
import { branchFilter, emptyJob, namesOf, NO_EVENT } from './ciJobs';
import type { Triggers } from './ciJobs';

/** Step keys whose value is a script. */
const SCRIPT_STEPS = ['script', 'bash', 'pwsh', 'powershell'];

/**
 * An Azure Pipelines file (`azure-pipelines.yml`, `.azure-pipelines/*.yml`):
 * its stages, jobs and deployment jobs, each job's scripts and tasks, its
 * environment and service containers, and when it runs (`trigger:`, `pr:`
 * and the common `condition:` forms). Well-known tasks are read as the
 * command they run (`DotNetCoreCLI@2` with `command: test` runs `dotnet
 * test`, `Docker@2` `buildAndPush` runs `docker build` and `docker push`);
 * other tasks are recorded as `task:<Name>@<version>`. Templates
 * (`- template: x.yml`) are not followed.
 */
export function readAzurePipelines(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const pipeline = pipelineTriggers(child(root, 'trigger'), child(root, 'pr'));
  const containers = new Map<string, string>();
  for (const container of expandLists(child(child(root, 'resources'), 'containers') ?? { kind: 'list', items: [], line: 0 })) {
    const alias = scalarText(child(container, 'container'));
    const image = scalarText(child(container, 'image'));
    if (alias && image) containers.set(alias, image);
  }
  const jobs: CiJob[] = [];
  const readJobs = (list: TreeValue | undefined, triggers: Triggers, mentioned: string) => {
    for (const definition of expandLists(list ?? { kind: 'list', items: [], line: 0 })) {
      const nameNode = child(definition, 'job') ?? child(definition, 'deployment');
      if (!nameNode) continue;
      const name = scalarText(nameNode) ?? 'job';
      const job = emptyJob(
        name,
        nameNode.line,
        withCondition(triggers, child(definition, 'condition')),
        `${mentioned}\n${allScalarText(definition).join('\n')}`,
      );
      readSteps(child(definition, 'steps'), job);
      // A deployment job's steps live under its strategy (runOnce, rolling, canary: deploy, routeTraffic, on.success…).
      for (const steps of stepListsUnder(child(definition, 'strategy'), 0)) readSteps(steps, job);
      const environment = child(definition, 'environment');
      const environmentName = scalarText(environment) ?? scalarText(child(environment, 'name'));
      if (environment && environmentName) job.environment = { name: environmentName, line: environment.line };
      const services = child(definition, 'services');
      if (services?.kind === 'map') {
        for (const entry of services.entries) {
          const reference = scalarText(entry.value);
          const image = reference ? (containers.get(reference) ?? reference) : undefined;
          if (image) job.services.push({ image, line: entry.keyLine });
        }
      }
      jobs.push(job);
    }
  };
  for (const stage of expandLists(child(root, 'stages') ?? { kind: 'list', items: [], line: 0 })) {
    const name = scalarText(child(stage, 'stage'));
    if (name === undefined) continue;
    readJobs(
      child(stage, 'jobs'),
      withCondition(pipeline, child(stage, 'condition')),
      `${name}\n${scalarText(child(stage, 'displayName')) ?? ''}`,
    );
  }
  readJobs(child(root, 'jobs'), pipeline, '');
  const steps = child(root, 'steps');
  if (steps) {
    const job = emptyJob('(pipeline)', steps.line, pipeline, allScalarText(steps).join('\n'));
    readSteps(steps, job);
    jobs.push(job);
  }
  facts.ci.push({ path, system: 'azure', jobs, inherited });
}

function stepListsUnder(node: TreeValue | undefined, depth: number): TreeValue[] {
  if (node?.kind !== 'map' || depth > 4) return [];
  return node.entries.flatMap((entry) => (entry.key === 'steps' ? [entry.value] : stepListsUnder(entry.value, depth + 1)));
}

function readSteps(steps: TreeValue | undefined, job: CiJob): void {
  for (const step of expandLists(steps ?? { kind: 'list', items: [], line: 0 })) {
    if (step.kind !== 'map') continue;
    for (const key of SCRIPT_STEPS) {
      const script = child(step, key);
      const text = scalarText(script);
      if (script && text) job.commands.push({ text, line: script.line });
    }
    const task = child(step, 'task');
    const name = scalarText(task);
    if (!task || !name) continue;
    const inputs = child(step, 'inputs');
    const input = (key: string) => scalarText(child(inputs, key)) ?? '';
    const command = taskCommand(name, input);
    if (command) job.commands.push({ text: command, line: task.line });
    else job.actions.push({ uses: `task:${name}`, line: task.line, inputs: allScalarText(inputs).join(' ') });
  }
}

/**
 * The command line a well-known task runs, from its inputs; undefined for
 * other tasks. Only what the task documents: `Maven@3` runs `mvn` with its
 * goals, `Npm@1` runs `npm` with its command, and so on.
 */
function taskCommand(task: string, input: (key: string) => string): string | undefined {
  const name = task.split('@')[0].toLowerCase();
  const join = (...words: string[]) => words.filter((word) => word.trim() !== '').join(' ');
  switch (name) {
    case 'dotnetcorecli':
      return join('dotnet', input('command') || 'build', input('arguments'));
    case 'npm': {
      const command = input('command') || 'install';
      return join('npm', command === 'custom' ? input('customCommand') : command);
    }
    case 'maven':
      return join('mvn', input('goals') || 'package', input('options'));
    case 'gradle':
      return join('./gradlew', input('tasks') || 'build', input('options'));
    case 'docker': {
      const command = input('command') || 'buildAndPush';
      const tags = input('tags');
      if (command === 'buildAndPush') return `${join('docker build -t', tags || 'image', '.')}\n${join('docker push', tags)}`;
      return join('docker', command, command === 'build' || command === 'push' ? tags : '', input('arguments'));
    }
    case 'kubernetes':
      return join('kubectl', input('command'), input('arguments'));
    case 'kubernetesmanifest': {
      const action = input('action') || 'deploy';
      return action === 'deploy' || action === 'promote' ? 'kubectl apply' : undefined;
    }
    case 'helmdeploy':
      return join('helm', input('command') || 'upgrade', input('arguments'));
    case 'bash':
    case 'cmdline':
    case 'powershell':
      return input('script') || undefined;
    case 'azurecli':
      return input('inlineScript') || undefined;
    default:
      return undefined;
  }
}

/** `trigger:` and `pr:` — absent means every branch; `none` means never; a list or `branches.include` names the branches. */
function pipelineTriggers(trigger: TreeValue | undefined, pr: TreeValue | undefined): Triggers {
  const push = branchesOf(trigger);
  const pulls = branchesOf(pr);
  const onPush = push.runs ? branchFilter(push.include, push.exclude) : { onPush: false, onMainPush: false, onPullRequest: false };
  return {
    ...NO_EVENT,
    onPush: onPush.onPush,
    onMainPush: onPush.onMainPush,
    onPullRequest: pulls.runs && (pulls.include === undefined || pulls.include.length > 0),
    onTags: push.tags,
  };
}

function branchesOf(node: TreeValue | undefined): { runs: boolean; include?: string[]; exclude: string[]; tags: boolean } {
  if (!node) return { runs: true, exclude: [], tags: false };
  if (scalarText(node) === 'none') return { runs: false, exclude: [], tags: false };
  if (node.kind === 'list' || node.kind === 'scalar') return { runs: true, include: namesOf(node), exclude: [], tags: false };
  const branches = child(node, 'branches');
  const include = child(branches, 'include');
  const tags = Boolean(child(child(node, 'tags'), 'include'));
  if (!include && tags && !branches) return { runs: false, exclude: [], tags };
  return { runs: true, ...(include ? { include: namesOf(include) } : {}), exclude: namesOf(child(branches, 'exclude')), tags };
}

/**
 * A stage's or job's `condition:` for its common forms: on the main branch
 * (`eq(variables['Build.SourceBranch'], 'refs/heads/main')`), on pull
 * requests or not (`Build.Reason`), on tags. A condition that tests anything
 * else (a variable, a parameter) is one the text cannot decide: no event is
 * claimed for it.
 */
function withCondition(triggers: Triggers, condition: TreeValue | undefined): Triggers {
  const text = scalarText(condition);
  if (text === undefined) return triggers;
  let rest = text
    .toLowerCase()
    .split(/[\s'"[\]]/)
    .join('')
    .split('variables.')
    .join('')
    .split('variables')
    .join('');
  const take = (atom: string) => {
    const found = rest.includes(atom);
    rest = rest.split(atom).join('');
    return found;
  };
  // Functions that only say "after the previous steps": no event in them.
  for (const harmless of ['succeededorfailed()', 'succeeded()', 'always()']) take(harmless);
  const result: Triggers = { ...triggers };
  if (
    take('eq(build.sourcebranch,refs/heads/main)') ||
    take('eq(build.sourcebranch,refs/heads/master)') ||
    take('eq(build.sourcebranchname,main)') ||
    take('eq(build.sourcebranchname,master)')
  ) {
    result.onPullRequest = false;
    result.onTags = false;
  }
  if (take('startswith(build.sourcebranch,refs/tags/)')) return { ...NO_EVENT, onTags: triggers.onTags };
  if (take('eq(build.reason,pullrequest)')) {
    result.onPush = false;
    result.onMainPush = false;
  }
  if (take('ne(build.reason,pullrequest)')) result.onPullRequest = false;
  for (const unknown of [
    'eq(',
    'ne(',
    'in(',
    'contains',
    'startswith',
    'endswith',
    'parameters',
    'dependencies',
    'not(',
    'or(',
    'failed()',
  ])
    if (rest.includes(unknown)) return NO_EVENT;
  return result;
}
