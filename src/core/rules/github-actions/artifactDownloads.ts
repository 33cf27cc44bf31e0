import type { RawFinding } from '../types';
import { getPath } from '../yaml/yamlSupport';
import { findingAt, findingOn } from '../ci/findings';
import { programArguments, programName, scriptCommands } from '../../format/shell/shellCommands';
import type { Workflow, WorkflowJob } from './workflow';
import { actionName, runSteps } from './workflow';

/**
 * The artifact downloads of privileged workflows: reported by
 * gha/privileged-artifact-download, and read by gha/untrusted-github-env (a job
 * that downloads them has file data it must not write to $GITHUB_ENV).
 */
const RULE_ID = 'gha/privileged-artifact-download';

/** Actions that download another run's artifacts (the run a `workflow_run` reacts to, or any run). */
const ARTIFACT_DOWNLOADERS = new Set(['actions/download-artifact', 'dawidd6/action-download-artifact']);

/** The artifact downloads of a privileged workflow, with the job that makes each. */
export function privilegedArtifactDownloads(workflow: Workflow): Array<{ job: WorkflowJob; finding: RawFinding }> {
  const trigger = ['workflow_run', 'pull_request_target'].find((name) => workflow.triggers.has(name));
  if (!trigger) return [];
  const found: Array<{ job: WorkflowJob; finding: RawFinding }> = [];
  const message = `This \`${trigger}\` workflow downloads artifacts a pull request's run produced, into a job with the base repository's secrets and write token.`;
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const name = actionName(step.uses);
      if (!name || !ARTIFACT_DOWNLOADERS.has(name)) continue;
      const fromOtherRun = name !== 'actions/download-artifact' || getPath(step.map, ['with', 'run-id']) !== undefined;
      if (fromOtherRun) for (const finding of findingOn(workflow.file, RULE_ID, step.uses, message)) found.push({ job, finding });
    }
  }
  for (const { step, run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = workflow.file.text.slice(run.range[0], run.range[1]);
    for (const command of scriptCommands(source)) {
      const [first, second] = programArguments(command);
      if (programName(command) !== 'gh' || first?.value !== 'run' || second?.value !== 'download') continue;
      const start = command.words[0].start;
      found.push({ job: step.job, finding: findingAt(workflow.file, RULE_ID, run.range[0] + start, second.end - start, message) });
    }
  }
  return found;
}
