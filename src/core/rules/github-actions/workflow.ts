import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { githubActionsModelOf, isActionModel } from '../../format/ci/githubActionsModel';
import type { WorkflowJob, WorkflowStep } from '../../format/ci/githubActionsModel';
import { scalarString } from '../yaml/yamlSupport';
import { memoizedByText } from '../../memoizedByText';
import type { YamlFile } from '../yaml/yamlSupport';
import type { WorkspaceFacts } from '../types';

export type { WorkflowJob, WorkflowStep } from '../../format/ci/githubActionsModel';

/**
 * A GitHub Actions workflow as the rules read it: a thin view over the file's one model
 * (its jobs and steps are the model's own objects), with what this analysis adds: the
 * path and the workspace facts. Nodes, not plain values, because findings and fixes need their ranges.
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

/**
 * The rules' view of the file's one model (format/ci/githubActionsModel.ts, shared with the evidence
 * and the digests read from the same parse), or undefined when there is nothing to check: no map, or
 * a JavaScript or Docker action. A composite action is a workflow of one job and no triggers.
 */
export function readWorkflow(file: YamlFile, context: { path?: string; facts?: WorkspaceFacts } = {}): Workflow | undefined {
  const model = githubActionsModelOf(file);
  if (!model) return undefined;
  let workflow: Workflow;
  if (!isActionModel(model)) {
    workflow = { file, root: model.root, triggers: model.triggers, onPair: model.onPair, jobsPair: model.jobsPair, jobs: model.jobs };
  } else if (model.composite) {
    workflow = { file, root: model.root, triggers: new Set(), jobs: [model.composite], composite: true };
  } else {
    return undefined;
  }
  if (context.path !== undefined) workflow.path = context.path;
  if (context.facts !== undefined) workflow.facts = context.facts;
  return workflow;
}

/** The action a `uses:` names, lower-cased and without its ref: "actions/checkout". */
export function actionName(uses: Scalar | undefined): string | undefined {
  const value = scalarString(uses);
  return value === undefined ? undefined : actionNameByText(value);
}

/** Most rules ask for every step's action, and a workflow names the same few again and again: read once per text. */
const actionNameByText = memoizedByText((value: string) => {
  const at = value.indexOf('@');
  return (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
}, 2048);

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
export function allSteps(workflow: Workflow): readonly WorkflowStep[] {
  // Gathered once per analysis (several rules walk them all; shared: never change it).
  let steps = ALL_STEPS.get(workflow);
  if (!steps) {
    steps = [];
    for (const job of workflow.jobs) for (const step of job.steps) steps.push(step);
    ALL_STEPS.set(workflow, steps);
  }
  return steps;
}

const ALL_STEPS = new WeakMap<Workflow, WorkflowStep[]>();
