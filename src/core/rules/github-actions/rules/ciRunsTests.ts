import { posixBasename } from '../../../fileSystem';
import type { RawFinding } from '../../types';
import { repositoryCiTests, workflowRepository } from '../../../ci/ciTestRuns';
import type { RepositoryCiTests } from '../../../ci/ciTestRuns';
import { readWorkflowModel } from '../../../format/ci/githubWorkflowModel';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

/** Where a workflow analysed without a path is assumed to be (only to resolve its local `uses:`). */
const UNKNOWN_PATH = '.github/workflows/workflow.yml';

/** The repository as far as this file shows it: the workflow is its only one. */
function judgedAlone(workflow: Workflow, path: string): RepositoryCiTests {
  const model = readWorkflowModel(workflow.file, path);
  return model ? repositoryCiTests(workflowRepository([model])) : { verdict: 'unknown', ciWorkflows: [] };
}

/**
 * gha/ci-runs-tests — a rule about the repository: no CI workflow (push, pull
 * request) runs the tests. Lint, scan, release and deploy workflows are not
 * asked to run tests one by one: the repository's CI workflows are judged
 * together (core/ci/ciTestRuns, the same decision the evidence "CI runs the
 * tests" makes), following reusable workflows and composite actions of the
 * repository. Reported once, on the `jobs:` key of the first CI workflow in
 * path order; quiet when a workflow calls something it cannot see (a reusable
 * workflow of another repository), because the tests may well run there.
 */
export function detectWorkflowWithoutTests(workflow: Workflow): RawFinding[] {
  if (!workflow.jobsPair || workflow.jobs.length === 0) return [];
  const path = workflow.path ?? UNKNOWN_PATH;
  const repository = workflow.facts?.githubCiTests ?? judgedAlone(workflow, path);
  if (repository.verdict !== 'none' || repository.ciWorkflows[0] !== path) return [];
  const count = repository.ciWorkflows.length;
  const names = repository.ciWorkflows.slice(0, 4).map(posixBasename).join(', ') + (count > 4 ? ', …' : '');
  const message =
    count === 1
      ? 'This workflow runs on push or pull_request, but none of its jobs runs the tests, and no other CI workflow of the repository does.'
      : `None of the repository's ${count} CI workflows (${names}) runs the tests; reported once, in the first of them.`;
  return findingOn(workflow.file, 'gha/ci-runs-tests', workflow.jobsPair.key, message);
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/ci-runs-tests',
  anchors: (workflow) => workflowAnchors(workflow, 'workflow.on', 'step.run'),
  detect: detectWorkflowWithoutTests,
});
