import type { CiJob, EvidenceFacts } from '../facts';
import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { allScalarText, coversMainBranch } from './ciText';
import { eitherTriggers, emptyJob, isMainName, NO_EVENT } from './ciJobs';
import type { Triggers } from './ciJobs';

/**
 * A Bitbucket Pipelines file (`bitbucket-pipelines.yml`): every step of
 * every pipeline (`default`, `branches`, `pull-requests`, `tags`, `custom`),
 * inside `parallel` and `stage` groups too, with its script, pipes (as
 * `pipe:<name>`), services (the images `definitions.services` names),
 * deployment environment, and when it runs. `default` runs on pushes to
 * branches no `branches:` pipeline claims; `custom` pipelines and steps
 * after a `trigger: manual` step run when a person starts them.
 */
export function readBitbucketPipelines(path: string, root: TreeValue, inherited: boolean, facts: EvidenceFacts): void {
  if (root.kind !== 'map') return;
  const services = new Map<string, string>();
  const definitions = child(child(root, 'definitions'), 'services');
  if (definitions?.kind === 'map') {
    for (const entry of definitions.entries) {
      const image = scalarText(child(entry.value, 'image')) ?? scalarText(child(child(entry.value, 'image'), 'name'));
      if (image) services.set(entry.key, image);
    }
  }
  const pipelines = child(root, 'pipelines');
  const jobs: CiJob[] = [];
  const branches = child(pipelines, 'branches');
  const branchNames = branches?.kind === 'map' ? branches.entries.map((entry) => entry.key) : [];
  const read = (items: TreeValue | undefined, section: string, triggers: Triggers) =>
    readItems(items, section, triggers, services, jobs, { manual: false });
  // `default` runs for pushes to every branch that no branch pipeline matches.
  read(child(pipelines, 'default'), 'default', {
    ...NO_EVENT,
    onPush: true,
    onMainPush: !branchNames.some((key) => globAlternatives(key).some((name) => isMainName(name) || coversMainBranch([name]))),
  });
  if (branches?.kind === 'map') {
    for (const entry of branches.entries) {
      const main = globAlternatives(entry.key).some((name) => isMainName(name) || coversMainBranch([name]));
      read(entry.value, `branches ${entry.key}`, { ...NO_EVENT, onPush: true, onMainPush: main });
    }
  }
  const pullRequests = child(pipelines, 'pull-requests');
  if (pullRequests?.kind === 'map')
    for (const entry of pullRequests.entries) read(entry.value, `pull-requests ${entry.key}`, { ...NO_EVENT, onPullRequest: true });
  const tags = child(pipelines, 'tags');
  if (tags?.kind === 'map') for (const entry of tags.entries) read(entry.value, `tags ${entry.key}`, { ...NO_EVENT, onTags: true });
  const custom = child(pipelines, 'custom');
  if (custom?.kind === 'map') for (const entry of custom.entries) read(entry.value, `custom ${entry.key}`, NO_EVENT);
  facts.ci.push({ path, system: 'bitbucket', jobs, inherited });
}

/** A branch glob's alternatives: `{feature/*,develop,main}` → feature/*, develop, main. */
function globAlternatives(key: string): string[] {
  return key.startsWith('{') && key.endsWith('}') ? key.slice(1, -1).split(',') : [key];
}

/** Steps, in order; `parallel` and `stage` groups hold steps of their own. */
function readItems(
  items: TreeValue | undefined,
  section: string,
  triggers: Triggers,
  services: Map<string, string>,
  jobs: CiJob[],
  state: { manual: boolean },
  depth = 0,
): void {
  if (!items || depth > 4) return;
  for (const item of expandLists(items)) {
    const step = child(item, 'step');
    if (step) {
      const job = readStep(step, section, jobs.length, triggers, services, state);
      // A step shared through a YAML anchor (`- step: *tests`) is one job that runs on each pipeline using it.
      const shared = jobs.find((candidate) => candidate.line === job.line);
      if (shared) Object.assign(shared, eitherTriggers(shared, job));
      else jobs.push(job);
      continue;
    }
    const parallel = child(item, 'parallel');
    if (parallel) readItems(child(parallel, 'steps') ?? parallel, section, triggers, services, jobs, state, depth + 1);
    const stage = child(item, 'stage');
    if (stage) {
      const before = jobs.length;
      readItems(child(stage, 'steps'), section, triggers, services, jobs, state, depth + 1);
      const deployment = child(stage, 'deployment');
      const name = scalarText(deployment);
      if (deployment && name) for (const job of jobs.slice(before)) job.environment ??= { name, line: deployment.line };
    }
  }
}

function readStep(
  step: TreeValue,
  section: string,
  index: number,
  triggers: Triggers,
  services: Map<string, string>,
  state: { manual: boolean },
): CiJob {
  // A manual step, and every step after it, waits for a person.
  if (scalarText(child(step, 'trigger')) === 'manual') state.manual = true;
  const name = scalarText(child(step, 'name')) ?? `${section} step ${index + 1}`;
  const job = emptyJob(name, step.line, state.manual ? NO_EVENT : triggers, allScalarText(step).join('\n'));
  for (const key of ['script', 'after-script']) {
    for (const line of expandLists(child(step, key) ?? { kind: 'list', items: [], line: 0 })) {
      const text = scalarText(line);
      if (text) {
        job.commands.push({ text, line: line.line });
        continue;
      }
      const pipe = child(line, 'pipe');
      const pipeName = scalarText(pipe);
      if (pipe && pipeName)
        job.actions.push({
          uses: `pipe:${pipeName.split(':')[0]}`,
          line: pipe.line,
          inputs: allScalarText(child(line, 'variables')).join(' '),
        });
    }
  }
  for (const service of expandLists(child(step, 'services') ?? { kind: 'list', items: [], line: 0 })) {
    const reference = scalarText(service);
    const image = reference ? services.get(reference) : undefined;
    if (image) job.services.push({ image, line: service.line });
  }
  const deployment = child(step, 'deployment');
  const environment = scalarText(deployment);
  if (deployment && environment) job.environment = { name: environment, line: deployment.line };
  return job;
}
