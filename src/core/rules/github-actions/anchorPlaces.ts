import type { RuleAnchor } from '../engine/ruleAnchors';
import { placeAnchors } from '../yaml/keyAnchors';
import type { Workflow } from './workflow';

/** A key of the workflow (`workflow.on`), of every job (`job.runs-on`) or of every step (`step.run`); a composite action's `runs:` is its job. */
export type WorkflowPlace = `${'workflow' | 'job' | 'step'}.${string}`;

/** The places of a workflow the rules anchor their hovers on (a rule module's `anchors`). */
export function workflowAnchors(workflow: Workflow, ...places: WorkflowPlace[]): RuleAnchor[] {
  const levels = {
    workflow: () => [workflow.root],
    job: () => workflow.jobs.map((job) => job.map),
    step: () => workflow.jobs.flatMap((job) => job.steps.map((step) => step.map)),
  };
  return placeAnchors(workflow.file, levels, places);
}
