import { deploysIn, startsThrowawayClusterIn } from '../../ci/deployCommands';
import { actionName } from './workflow';
import type { WorkflowJob, WorkflowStep } from './workflow';
import { getPath, scalarString } from '../yaml/yamlSupport';

/**
 * The timeout the quick fix writes: far below GitHub's 360-minute default, and
 * well above what a typical build-and-test job needs. The rule's fix text asks
 * the user to adjust it.
 */
export const DEFAULT_TIMEOUT_MINUTES = '30';

/** Keys a new job-level entry goes after, so it reads next to the runner. */
export const AFTER_RUNNER = ['runs-on', 'needs', 'name', 'if'];

/**
 * Actions that deploy or publish (`actions/deploy-pages`, `softprops/action-gh-release`,
 * `pypa/gh-action-pypi-publish`…) — matched on the repository part, and narrowly:
 * `publish-unit-test-result-action` publishes a report, not the product.
 */
export const DEPLOY_ACTIONS = /deploy|(?:^|[-/])release(?:[-/]|$)|gh-release|create-release|pypi-publish|npm-publish|gh-pages/;

/**
 * True when a step of the job deploys, releases or publishes: an action that
 * does, a local action named so (`./.github/actions/deploy`), or a command the
 * shell would run (core/ci/deployCommands). The job's id or name alone is not
 * enough (`build-and-release` may only build), and step names are free text
 * ("Publish test results") and are not read.
 */
export function isDeployJob(job: WorkflowJob): boolean {
  const throwawayCluster = startsThrowawayCluster(job);
  return job.steps.some((step) => {
    const action = actionName(step.uses);
    if (action !== undefined && action.startsWith('.')) return /(?:^|[-_/])deploy(?:[-_/]|$)/.test(action);
    // What follows the owner (`actions/deploy-pages` → `deploy-pages`), '' for a name without one.
    const repository = action === undefined ? undefined : action.slice(action.indexOf('/') + 1 || action.length);
    if (repository !== undefined && DEPLOY_ACTIONS.test(repository) && !draftsOnly(step, repository)) return true;
    const script = step.run?.value;
    return typeof script === 'string' && deploysIn(script, throwawayCluster);
  });
}

/**
 * release-drafter matches DEPLOY_ACTIONS but drafts the next release's notes (and labels pull requests): a
 * person publishes the draft, unless the step says `publish: true`.
 */
function draftsOnly(step: WorkflowStep, repository: string): boolean {
  return repository === 'release-drafter' && scalarString(getPath(step.map, ['with', 'publish']))?.trim() !== 'true';
}

/**
 * Actions that start a throwaway Kubernetes cluster on the runner (kind, k3d, minikube): what the job then
 * installs with kubectl or helm is an installation test, not a deployment.
 */
// Lower-cased, as actionName gives them.
const THROWAWAY_CLUSTER_ACTIONS = new Set([
  'helm/kind-action',
  'engineerd/setup-kind',
  'container-tools/kind-action',
  'absaoss/k3d-action',
  'nolar/setup-k3d-k3s',
  'medyagh/setup-minikube',
  'manusa/actions-setup-minikube',
]);

function startsThrowawayCluster(job: WorkflowJob): boolean {
  return job.steps.some((step) => {
    const action = actionName(step.uses);
    if (action !== undefined && THROWAWAY_CLUSTER_ACTIONS.has(action)) return true;
    const script = step.run?.value;
    return typeof script === 'string' && startsThrowawayClusterIn(script);
  });
}

/** The environment name the fix proposes: the job's own word for its target when it has one. */
export function environmentNameFor(job: WorkflowJob): string {
  const label = `${job.id} ${job.name ?? ''}`.toLowerCase();
  if (/\bstag(?:e|ing)\b|[-_]stag(?:e|ing)\b|\bstag(?:e|ing)[-_]/.test(label)) return 'staging';
  return 'production';
}
