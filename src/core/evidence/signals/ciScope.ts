import { localTarget } from '../../ci/ciTestRuns';
import { posixDirname, posixRelative } from '../../fileSystem';
import type { CompositeActionModel } from '../../format/ci/githubWorkflowModel';
import type { CiAction, CiCommand, CiFact, CiJob, EvidenceFacts } from '../facts';

export interface ScopedJob {
  ci: CiFact;
  job: CiJob;
}

/**
 * The CI jobs that work on this service: every job of the service's own
 * pipelines, and those jobs of repository-level pipelines that name the
 * service's folder (working-directory, paths filters, `cd services/api`).
 * A root pipeline that never names the folder may well build something else.
 */
export function jobsForScope(facts: EvidenceFacts): ScopedJob[] {
  const folder = posixRelative(facts.workspaceRoot, facts.root) ?? '';
  const jobs: ScopedJob[] = [];
  for (const ci of facts.ci) {
    for (const job of ci.jobs) {
      if (!ci.inherited || (folder !== '' && mentionsFolder(job.mentionedText, folder))) jobs.push({ ci, job });
    }
  }
  return jobs;
}

function mentionsFolder(text: string, folder: string): boolean {
  let index = text.indexOf(folder);
  while (index >= 0) {
    const after = text[index + folder.length];
    // "services/api" must not count for "services/api-gateway".
    if (after === undefined || !/[A-Za-z0-9_-]/.test(after)) return true;
    index = text.indexOf(folder, index + 1);
  }
  return false;
}

/** Zero-based line in the file of the script's `index`-th line. */
export function fileLineOf(command: CiCommand, index: number): number {
  if (command.textLine !== undefined) return command.textLine + index;
  // A block scalar (`run: |`) starts on the line after its indicator; a one-line script is on the step's line.
  return command.text.includes('\n') ? command.line + 1 + index : command.line;
}

/**
 * A reusable workflow that runs only when another workflow calls it
 * (`on: workflow_call`): its jobs are judged through their callers, on the
 * callers' triggers, and not a second time on their own.
 */
export function runsOnlyWhenCalled(ci: CiFact): boolean {
  const events = ci.workflow?.events ?? [];
  return events.length > 0 && events.every((event) => event === 'workflow_call');
}

/** Steps that run as part of a job: its own, or those of a reusable workflow or composite action of the repository it calls. */
export interface JobPart {
  /** The file the steps are written in. */
  path: string;
  /** The job that runs them, as written in that file. */
  jobName: string;
  commands: CiCommand[];
  actions: CiAction[];
}

const MAX_CALL_DEPTH = 5;

/**
 * A job with what it calls followed: a job that is `uses:
 * ./.github/workflows/build.yml` builds what that workflow's jobs build, on
 * the caller's triggers (the called workflow itself runs only when called);
 * a step that uses a composite action of the repository runs the action's
 * scripts. Workflows and actions of other repositories stay unseen.
 */
export function jobParts(facts: EvidenceFacts, ci: CiFact, job: CiJob, depth = 0): JobPart[] {
  const parts: JobPart[] = [{ path: ci.path, jobName: job.name, commands: job.commands, actions: job.actions }];
  if (ci.system !== 'github' || depth >= MAX_CALL_DEPTH) return parts;
  for (const action of job.actions) {
    const target = localTarget(ci.path, action.uses);
    if (target === undefined) continue;
    const workflow = facts.ci.find((candidate) => candidate.path === target && candidate.system === 'github');
    if (workflow) {
      for (const called of workflow.jobs) parts.push(...jobParts(facts, workflow, called, depth + 1));
      continue;
    }
    const composite = facts.compositeActions.find((candidate) => posixDirname(candidate.path) === target);
    if (composite) parts.push(compositePart(composite, job.name));
  }
  return parts;
}

function compositePart(action: CompositeActionModel, jobName: string): JobPart {
  const part: JobPart = { path: action.path, jobName, commands: [], actions: [] };
  for (const step of action.steps) {
    if (step.run) part.commands.push({ text: step.run.text, line: step.line, textLine: step.run.line });
    if (step.uses)
      part.actions.push({
        uses: step.uses,
        line: step.line,
        inputs: Object.values(step.inputs)
          .map((input) => input.text)
          .join(' '),
      });
  }
  return part;
}
