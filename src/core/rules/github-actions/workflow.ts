import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { findPair, mapEntries, scalarString, seqItems } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import type { WorkspaceFacts } from '../types';

/**
 * The parts of a GitHub Actions workflow the rules read, picked out of the
 * parsed YAML once so every detector walks the same structure. Nodes are kept
 * (not copied to plain values) because findings and fixes need their ranges.
 */
export interface Workflow {
  file: YamlFile;
  /** The file's absolute POSIX path, when the caller gave it (repository-level findings are reported in one file). */
  path?: string;
  /** What the workspace knows beyond this file (the repository's other workflows). */
  facts?: WorkspaceFacts;
  root: YAMLMap<Node, Node | null>;
  /** Event names from `on:` (string, list or map form). */
  triggers: Set<string>;
  onPair?: Pair<Node, Node | null>;
  jobsPair?: Pair<Node, Node | null>;
  jobs: WorkflowJob[];
  /**
   * True for a composite action (`action.yml` with `runs.using: composite`):
   * its steps are read as one job (id `composite`, map `runs:`), and only the
   * rules about steps judge it (see COMPOSITE_ACTION_RULES).
   */
  composite?: boolean;
}

export interface WorkflowJob {
  id: string;
  pair: Pair<Node, Node | null>;
  map: YAMLMap<Node, Node | null>;
  /** The job's `name:` when it is a plain string. */
  name?: string;
  /** Job-level `uses:` — a reusable workflow call, which has no steps of its own. */
  uses?: Scalar;
  steps: WorkflowStep[];
}

export interface WorkflowStep {
  job: WorkflowJob;
  map: YAMLMap<Node, Node | null>;
  name?: string;
  uses?: Scalar;
  run?: Scalar;
}

/** Reads the workflow model, or undefined when the document is not a map (nothing to check). */
export function readWorkflow(file: YamlFile, context: { path?: string; facts?: WorkspaceFacts } = {}): Workflow | undefined {
  const root = file.documents[0]?.contents;
  if (!isMap(root)) return undefined;
  const map = root as YAMLMap<Node, Node | null>;
  const runs = findPair(map, 'runs')?.value;
  if (isMap(runs) && !findPair(map, 'jobs')) return readCompositeAction(file, map, runs as YAMLMap<Node, Node | null>, context);
  const onPair = findPair(map, 'on');
  const jobsPair = findPair(map, 'jobs');
  const workflow: Workflow = { file, root: map, triggers: readTriggers(onPair?.value), onPair, jobsPair, jobs: readJobs(jobsPair?.value) };
  if (context.path !== undefined) workflow.path = context.path;
  if (context.facts !== undefined) workflow.facts = context.facts;
  return workflow;
}

/** A composite action as a workflow of one job; undefined for JavaScript and Docker actions (no steps to judge). */
function readCompositeAction(
  file: YamlFile,
  root: YAMLMap<Node, Node | null>,
  runs: YAMLMap<Node, Node | null>,
  context: { path?: string; facts?: WorkspaceFacts },
): Workflow | undefined {
  if (scalarString(findPair(runs, 'using')?.value)?.trim() !== 'composite') return undefined;
  const pair = findPair(root, 'runs')!;
  const job: WorkflowJob = { id: 'composite', pair, map: runs, steps: [] };
  readSteps(job, findPair(runs, 'steps')?.value);
  const workflow: Workflow = { file, root, triggers: new Set(), jobs: [job], composite: true };
  if (context.path !== undefined) workflow.path = context.path;
  if (context.facts !== undefined) workflow.facts = context.facts;
  return workflow;
}

function readTriggers(on: unknown): Set<string> {
  const triggers = new Set<string>();
  const single = scalarString(on);
  if (single !== undefined) triggers.add(single);
  for (const item of seqItems(on)) {
    const name = scalarString(item);
    if (name !== undefined) triggers.add(name);
  }
  for (const [name] of mapEntries(on)) triggers.add(name);
  return triggers;
}

function readJobs(jobs: unknown): WorkflowJob[] {
  const result: WorkflowJob[] = [];
  for (const [id, pair] of mapEntries(jobs)) {
    if (!isMap(pair.value)) continue;
    const jobMap = pair.value as YAMLMap<Node, Node | null>;
    const uses = findPair(jobMap, 'uses')?.value;
    const job: WorkflowJob = {
      id,
      pair,
      map: jobMap,
      name: scalarString(findPair(jobMap, 'name')?.value),
      uses: isScalar(uses) ? uses : undefined,
      steps: [],
    };
    readSteps(job, findPair(jobMap, 'steps')?.value);
    result.push(job);
  }
  return result;
}

function readSteps(job: WorkflowJob, steps: unknown): void {
  if (!isSeq(steps)) return;
  for (const item of steps.items) {
    if (!isMap(item)) continue;
    const stepMap = item as YAMLMap<Node, Node | null>;
    const stepUses = findPair(stepMap, 'uses')?.value;
    const run = findPair(stepMap, 'run')?.value;
    job.steps.push({
      job,
      map: stepMap,
      name: scalarString(findPair(stepMap, 'name')?.value),
      uses: isScalar(stepUses) ? stepUses : undefined,
      run: isScalar(run) ? run : undefined,
    });
  }
}

/** The action a `uses:` names, lower-cased and without its ref: "actions/checkout". */
export function actionName(uses: Scalar | undefined): string | undefined {
  const value = scalarString(uses);
  if (value === undefined) return undefined;
  const at = value.indexOf('@');
  return (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
}

export function isCheckoutStep(step: WorkflowStep): boolean {
  return actionName(step.uses) === 'actions/checkout';
}

/** True when the workflow reacts to pushes or pull requests: the events CI is for. */
export function runsOnPushOrPullRequest(workflow: Workflow): boolean {
  return workflow.triggers.has('push') || workflow.triggers.has('pull_request');
}

/** Every step with its `run:` script as a string. */
export function runSteps(workflow: Workflow): Array<{ step: WorkflowStep; run: Scalar; script: string }> {
  const result: Array<{ step: WorkflowStep; run: Scalar; script: string }> = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const script = scalarString(step.run);
      if (step.run && script !== undefined) result.push({ step, run: step.run, script });
    }
  }
  return result;
}

/** Every step of every job, in file order. */
export function allSteps(workflow: Workflow): WorkflowStep[] {
  return workflow.jobs.flatMap((job) => job.steps);
}
