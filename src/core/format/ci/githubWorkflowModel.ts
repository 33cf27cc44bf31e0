import { isMap, isScalar, Scalar } from 'yaml';
import { githubActionsModelOf } from './githubActionsModel';
import type { WorkflowJob, WorkflowStep } from './githubActionsModel';
import type { Node } from 'yaml';
import { throughAlias } from '../../rules/yaml/aliasTargets';
import { findPair, getValue, mapEntries, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';

/**
 * A GitHub Actions workflow (or a composite action) as plain data: what its
 * triggers are and, per job, the scripts it runs and the actions and reusable
 * workflows it calls. A view over the file's one model (githubActionsModel.ts),
 * the model the rules read too, so "does CI run the tests?" is decided from the
 * same jobs and steps on both sides (see core/ci/ciTestRuns.ts).
 */
export interface WorkflowModel {
  /** Absolute (or repository-relative) POSIX path of the file. */
  path: string;
  /** Event names under `on:`. */
  events: string[];
  /** Runs on branch pushes, pull requests or merge queues: what "CI" is. A tags-only push does not count. */
  ci: boolean;
  /** Can be called by other workflows (`on: workflow_call`). */
  callable: boolean;
  /** Zero-based lines of the `on:` and `jobs:` keys (where workflow-level findings are anchored). */
  onLine?: number;
  jobsLine?: number;
  jobs: WorkflowJobModel[];
}

export interface WorkflowJobModel {
  id: string;
  line: number;
  /** Job-level `uses:`: a reusable workflow, local (`./.github/workflows/x.yml`) or remote. */
  uses?: string;
  steps: WorkflowStepModel[];
}

export interface WorkflowStepModel {
  line: number;
  run?: ScriptText;
  /** Step-level `uses:`: an action, local (`./.github/actions/x`) or remote (`owner/repo@ref`). */
  uses?: string;
  /** The action's `with:` inputs that are scalars (some actions take a script: `run:`, `command:`). */
  inputs: Record<string, ScriptText>;
}

/** A script as written, and the zero-based line its first line of text is on. */
export interface ScriptText {
  text: string;
  line: number;
}

/** A composite action of the repository (`action.yml` with `runs.using: composite`). */
export interface CompositeActionModel {
  path: string;
  steps: WorkflowStepModel[];
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

/** The workflow view of a parsed workflow file, or undefined when its document is not a map. */
export function readWorkflowModel(file: YamlFile, path: string): WorkflowModel | undefined {
  const source = githubActionsModelOf(file);
  if (!source) return undefined;
  const events = eventNames(source.onPair?.value);
  const model: WorkflowModel = {
    path,
    events,
    ci: events.some((event) => PULL_REQUEST_EVENTS.has(event)) || (events.includes('push') && pushesBranches(source.onPair?.value)),
    callable: events.includes('workflow_call'),
    jobs: [],
  };
  const onLine = lineOf(file, source.onPair?.key);
  const jobsLine = lineOf(file, source.jobsPair?.key);
  if (onLine !== undefined) model.onLine = onLine;
  if (jobsLine !== undefined) model.jobsLine = jobsLine;
  for (const job of source.jobs) {
    const view: WorkflowJobModel = { id: job.id, line: lineOf(file, job.pair.key) ?? 0, steps: jobStepsView(file, job) };
    const uses = scalarString(job.uses);
    if (uses !== undefined) view.uses = uses.trim();
    model.jobs.push(view);
  }
  return model;
}

/** The steps of a composite action, or undefined when the file is not one. */
export function readCompositeAction(file: YamlFile, path: string): CompositeActionModel | undefined {
  const composite = githubActionsModelOf(file)?.composite;
  return composite ? { path, steps: jobStepsView(file, composite) } : undefined;
}

/** The steps of a workflow's jobs (none for an action's metadata: its steps are not a workflow's). */
export function workflowStepsView(file: YamlFile): WorkflowStepModel[] {
  return (githubActionsModelOf(file)?.jobs ?? []).flatMap((job) => jobStepsView(file, job));
}

/** `action.yml` / `action.yaml`: the names GitHub reads an action from. */
export function isActionFileName(name: string): boolean {
  return name === 'action.yml' || name === 'action.yaml';
}

/**
 * A job's steps as plain data, read once per job of the parse: the rule `gha/ci-runs-tests`, the CI digests and the
 * evidence all read them (shared: never change them).
 */
function jobStepsView(file: YamlFile, job: WorkflowJob): WorkflowStepModel[] {
  let steps = STEPS.get(job);
  if (!steps) STEPS.set(job, (steps = stepsView(file, job.steps)));
  return steps;
}

const STEPS = new WeakMap<WorkflowJob, WorkflowStepModel[]>();

function stepsView(file: YamlFile, steps: readonly WorkflowStep[]): WorkflowStepModel[] {
  return steps.map((step) => {
    const view: WorkflowStepModel = { line: lineOf(file, step.map) ?? 0, inputs: {} };
    const run = scriptText(file, step.run);
    if (run) view.run = run;
    const uses = scalarString(step.uses);
    if (uses !== undefined) view.uses = uses.trim();
    for (const [name, pair] of mapEntries(findPair(step.map, 'with')?.value)) {
      const input = scriptText(file, pair.value);
      if (input) view.inputs[name] = input;
    }
    return view;
  });
}

/** A scalar's text and the line its text starts on (the line after a `|` or `>` block indicator). */
function scriptText(file: YamlFile, given: Node | null | undefined): ScriptText | undefined {
  const node = throughAlias(given);
  if (!isScalar(node)) return undefined;
  const text = scalarString(node);
  const line = lineOf(file, node);
  if (text === undefined || line === undefined) return undefined;
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  return { text, line: block ? line + 1 : line };
}

function lineOf(file: YamlFile, node: Node | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  return file.mapper.position(node.range[0]).line;
}

/** `on: push`, `on: [push, pull_request]` or `on: {push: …}`. */
function eventNames(on: unknown): string[] {
  const single = scalarString(on);
  if (single !== undefined) return [single];
  const listed = seqItems(on)
    .map(scalarString)
    .filter((name): name is string => name !== undefined);
  return listed.length > 0 ? listed : mapEntries(on).map(([name]) => name);
}

/** A `push:` trigger that reacts to branch pushes: `push: {tags: [...]}` alone runs on tags only. */
function pushesBranches(on: unknown): boolean {
  const push = getValue(on, 'push');
  if (!isMap(push)) return true;
  return (
    findPair(push, 'tags') === undefined || findPair(push, 'branches') !== undefined || findPair(push, 'branches-ignore') !== undefined
  );
}
