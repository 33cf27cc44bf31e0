import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { githubActionsModelOf, isActionModel } from '../../format/ci/githubActionsModel';
import type { WorkflowJob } from '../../format/ci/githubActionsModel';
import { readWorkflowModel } from '../../format/ci/githubWorkflowModel';
import { throughAlias } from '../../rules/yaml/aliasTargets';
import { getValue, mapEntries, scalarString } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { CiJob, EvidenceFacts } from '../facts';
import { coversMainBranch } from './ciText';

interface Triggers {
  push: boolean;
  pullRequest: boolean;
  mainPush: boolean;
  tags: boolean;
}

/**
 * A GitHub Actions workflow: its triggers and, per job, run commands, actions, service containers and environment.
 * A view over the file's one model (format/ci/githubActionsModel.ts), the jobs and steps the rules judge, aliases
 * followed alike; nothing here walks the document on its own. The plain workflow model "CI runs the tests" is
 * decided on (githubWorkflowModel.ts) goes with it.
 */
export function readGithubWorkflow(path: string, file: YamlFile, inherited: boolean, facts: EvidenceFacts): void {
  const source = githubActionsModelOf(file);
  if (!source || isActionModel(source) || !isMap(throughAlias(source.jobsPair?.value))) return;
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? file.mapper.position(range[0]).line : 0;
  };
  const on = source.onPair?.value;
  const triggers = readTriggers(on);
  const triggerText = scalarTexts(on).join('\n');
  const jobs = source.jobs.map((job) => readJob(job, triggers, triggerText, lineOf, path, facts));
  const workflow = readWorkflowModel(file, path);
  facts.ci.push({ path, system: 'github', jobs, inherited, ...(workflow ? { workflow } : {}) });
}

function readJob(
  job: WorkflowJob,
  triggers: Triggers,
  triggerText: string,
  lineOf: (node: unknown) => number,
  path: string,
  facts: EvidenceFacts,
): CiJob {
  const model: CiJob = {
    name: job.id,
    line: lineOf(job.pair.key),
    commands: [],
    actions: [],
    services: [],
    onPush: triggers.push,
    onPullRequest: triggers.pullRequest,
    onMainPush: triggers.mainPush,
    onTags: triggers.tags,
    mentionedText: `${triggerText}\n${scalarTexts(job.map).join('\n')}`,
  };
  const reusable = scalarString(job.uses);
  if (job.uses && reusable)
    model.actions.push({ uses: reusable, line: lineOf(job.uses), inputs: scalarTexts(getValue(job.map, 'with')).join(' ') });
  for (const step of job.steps) {
    const run = scalarString(step.run);
    if (step.run && run) model.commands.push({ text: run, line: lineOf(step.run) });
    const uses = scalarString(step.uses);
    if (step.uses && uses) model.actions.push({ uses, line: lineOf(step.uses), inputs: scalarTexts(getValue(step.map, 'with')).join(' ') });
  }
  for (const [, service] of mapEntries(getValue(job.map, 'services'))) {
    const value = throughAlias(service.value);
    const image = isMap(value) ? getValue(value, 'image') : value;
    const imageText = scalarString(image);
    if (imageText) {
      const line = lineOf(image);
      model.services.push({ image: imageText, line });
      facts.images.push({ image: imageText, at: { path, line }, source: 'ci' });
    }
  }
  const environment = getValue(job.map, 'environment');
  const environmentName = scalarString(environment) ?? scalarString(getValue(environment, 'name'));
  if (environment && environmentName) model.environment = { name: environmentName, line: lineOf(environment) };
  return model;
}

function readTriggers(on: unknown): Triggers {
  const triggers: Triggers = { push: false, pullRequest: false, mainPush: false, tags: false };
  const onMap = isMap(throughAlias(on));
  const events = onMap ? mapEntries(on).map(([event]) => event) : listed(on);
  for (const event of events) {
    if (event === 'pull_request' || event === 'pull_request_target' || event === 'merge_group') triggers.pullRequest = true;
    if (event === 'release') triggers.tags = true;
    if (event !== 'push') continue;
    const push = onMap ? getValue(on, 'push') : undefined;
    const branches = getValue(push, 'branches');
    const tags = getValue(push, 'tags');
    const ignored = getValue(push, 'branches-ignore');
    if (tags !== undefined) triggers.tags = true;
    // `push: {tags: [...]}` alone runs on tags only, not on branch pushes.
    if (tags !== undefined && branches === undefined && ignored === undefined) continue;
    triggers.push = true;
    const branchList = branches !== undefined ? listed(branches) : undefined;
    const ignoredList = ignored !== undefined ? listed(ignored) : [];
    triggers.mainPush =
      (branchList === undefined || coversMainBranch(branchList)) && !ignoredList.some((branch) => branch === 'main' || branch === 'master');
  }
  return triggers;
}

/** A scalar or a list of them, as text ('' for what is not a scalar, as the event list reads it). */
function listed(node: unknown): string[] {
  const value = throughAlias(node);
  if (isSeq(value)) return value.items.map((item) => scalarString(item) ?? '');
  return [scalarString(value) ?? ''];
}

/** Deep enough for any workflow; stops pathological nesting. */
const MAX_DEPTH = 64;

/** Every key and scalar under a node, as text (aliases followed): what a job "mentions" (paths, working directories, arguments). */
function scalarTexts(node: unknown, out: string[] = [], depth = 0): string[] {
  const value = throughAlias(node);
  if (depth > MAX_DEPTH || value === null || value === undefined) return out;
  if (isScalar(value)) {
    if (value.value !== null && value.value !== undefined) out.push(String(value.value));
  } else if (isSeq(value)) {
    for (const item of value.items) scalarTexts(item, out, depth + 1);
  } else if (isMap(value)) {
    for (const item of value.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      out.push(String(item.key.value));
      scalarTexts(item.value, out, depth + 1);
    }
  }
  return out;
}
