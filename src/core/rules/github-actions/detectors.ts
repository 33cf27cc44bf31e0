import type { RawFinding } from '../types';
import { detectBroadPermissions } from './rules/broadPermissions';
import { detectSpoofableBotConditions } from './rules/botConditions';
import { detectCacheInReleaseWorkflow } from './rules/cachePoisoning';
import { detectUnpinnedContainerImages } from './rules/containerImages';
import { detectPrivilegedArtifactDownload } from './rules/privilegedTriggers';
import { detectSelfHostedRunnerOnPullRequest } from './rules/runners';
import { detectAllSecretsExposed, detectSecretsInherit } from './rules/secrets';
import { detectLongLivedPublishTokens } from './rules/trustedPublishing';
import { detectInputExpressionsInScripts } from './rules/inputExpressions';
import { detectUntrustedGithubEnv } from './rules/githubEnv';
import { detectDeprecatedActions } from './rules/deprecatedActions';
import { detectDeprecatedWorkflowCommands } from './rules/deprecatedCommands';
import { detectCheckoutPersistedCredentials, detectPrivilegedCheckoutOfPullRequest } from './rules/checkout';
import { detectMissingConcurrency } from './rules/concurrency';
import { detectHardcodedContainerCredentials } from './rules/containerCredentials';
import { detectRemoteScriptExecution } from './rules/curlPipe';
import { detectDeployJobWithoutEnvironment, detectJobWithoutTimeout } from './rules/jobs';
import { detectMissingTopLevelPermissions, detectWriteAllPermissions } from './rules/permissions';
import { detectUnpinnedGithubOwnedActions, detectUnpinnedThirdPartyActions } from './rules/pinning';
import { detectWorkflowWithoutTests } from './rules/runsTests';
import { detectUnsecureCommands } from './rules/unsecureCommands';
import { detectUntrustedExpressionsInScripts } from './rules/untrustedInput';
import type { Workflow } from './workflow';

export type WorkflowDetector = (workflow: Workflow) => RawFinding[];

/**
 * Every GitHub Actions rule id and its detector. The ids match
 * data/rules/github-actions.yml (a unit test keeps both in step).
 */
export const GITHUB_ACTIONS_DETECTORS: Readonly<Record<string, WorkflowDetector>> = {
  'gha/write-all-permissions': detectWriteAllPermissions,
  'gha/untrusted-expression-in-run': detectUntrustedExpressionsInScripts,
  'gha/untrusted-github-env': detectUntrustedGithubEnv,
  'gha/input-expression-in-run': detectInputExpressionsInScripts,
  'gha/privileged-artifact-download': detectPrivilegedArtifactDownload,
  'gha/spoofable-bot-condition': detectSpoofableBotConditions,
  'gha/container-image-tag': detectUnpinnedContainerImages,
  'gha/secrets-inherit': detectSecretsInherit,
  'gha/all-secrets-exposed': detectAllSecretsExposed,
  'gha/broad-permissions': detectBroadPermissions,
  'gha/self-hosted-runner-on-pull-request': detectSelfHostedRunnerOnPullRequest,
  'gha/cache-in-release-workflow': detectCacheInReleaseWorkflow,
  'gha/use-trusted-publishing': detectLongLivedPublishTokens,
  'gha/hardcoded-container-credentials': detectHardcodedContainerCredentials,
  'gha/unsecure-commands': detectUnsecureCommands,
  'gha/top-level-permissions': detectMissingTopLevelPermissions,
  'gha/pr-target-checkout-head': detectPrivilegedCheckoutOfPullRequest,
  'gha/pin-third-party-actions': detectUnpinnedThirdPartyActions,
  'gha/checkout-persist-credentials': detectCheckoutPersistedCredentials,
  'gha/curl-pipe-shell': detectRemoteScriptExecution,
  'gha/job-timeout-minutes': detectJobWithoutTimeout,
  'gha/ci-runs-tests': detectWorkflowWithoutTests,
  'gha/deploy-job-environment': detectDeployJobWithoutEnvironment,
  'gha/deprecated-workflow-commands': detectDeprecatedWorkflowCommands,
  'gha/deprecated-actions': detectDeprecatedActions,
  'gha/concurrency-cancel-in-progress': detectMissingConcurrency,
  'gha/pin-github-owned-actions': detectUnpinnedGithubOwnedActions,
};

/** The rules that judge a composite action (`action.yml`): those about steps; its caller's workflow owns jobs, triggers and permissions. */
export const COMPOSITE_ACTION_RULES: ReadonlySet<string> = new Set([
  'gha/untrusted-expression-in-run',
  'gha/input-expression-in-run',
  'gha/untrusted-github-env',
  'gha/deprecated-workflow-commands',
  'gha/deprecated-actions',
  'gha/curl-pipe-shell',
  'gha/pin-third-party-actions',
  'gha/pin-github-owned-actions',
  'gha/checkout-persist-credentials',
  'gha/unsecure-commands',
  'gha/use-trusted-publishing',
]);
