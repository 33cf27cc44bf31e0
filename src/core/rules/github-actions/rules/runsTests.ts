import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import { runsTests } from '../../ci/shellCommands';
import { actionName, runSteps, runsOnPushOrPullRequest } from '../workflow';
import type { Workflow } from '../workflow';

/** Actions that run a test suite themselves. */
const TEST_ACTIONS = /test|cypress|playwright/;

/**
 * gha/ci-runs-tests — a rule about this file: a workflow triggered by push or
 * pull_request in which no step runs tests. Quiet when the workflow delegates
 * work it cannot see (reusable workflows, local composite actions), because the
 * tests may well run there.
 */
export function detectWorkflowWithoutTests(workflow: Workflow): RawFinding[] {
  if (!workflow.jobsPair || workflow.jobs.length === 0 || !runsOnPushOrPullRequest(workflow)) return [];
  for (const job of workflow.jobs) {
    if (job.uses) return [];
    for (const step of job.steps) {
      const action = actionName(step.uses);
      if (action === undefined) continue;
      if (action.startsWith('.') || TEST_ACTIONS.test(action.split('/').slice(1).join('/'))) return [];
    }
  }
  if (runSteps(workflow).some(({ script }) => runsTests(script))) return [];
  return findingOn(
    workflow.file,
    'gha/ci-runs-tests',
    workflow.jobsPair.key,
    'This workflow runs on push or pull_request, but none of its steps runs tests.',
  );
}
