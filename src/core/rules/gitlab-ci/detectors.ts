import type { RawFinding } from '../types';
import { detectRemoteScriptExecution } from './rules/curlPipe';
import { detectDebugTrace } from './rules/debugTrace';
import { detectUnpinnedImages } from './rules/images';
import { detectIncludeWithoutRef, detectRemoteIncludeWithoutIntegrity } from './rules/includes';
import { detectArtifactsWithoutExpiry, detectDeployWithoutEnvironment, detectNonInterruptibleJobs } from './rules/jobs';
import { detectPipelineWithoutTests } from './rules/runsTests';
import { detectSecretVariables } from './rules/secretVariables';
import { detectUntrustedVariablesInEval } from './rules/untrustedVariables';
import type { Pipeline } from './pipeline';

export type PipelineDetector = (pipeline: Pipeline) => RawFinding[];

/**
 * Every GitLab CI rule id and its detector. The ids match
 * data/rules/gitlab-ci.yml (a unit test keeps both in step).
 */
export const GITLAB_CI_DETECTORS: Readonly<Record<string, PipelineDetector>> = {
  'gitlab/debug-trace': detectDebugTrace,
  'gitlab/secret-variables': detectSecretVariables,
  'gitlab/untrusted-variable-in-eval': detectUntrustedVariablesInEval,
  'gitlab/image-tag': detectUnpinnedImages,
  'gitlab/include-project-ref': detectIncludeWithoutRef,
  'gitlab/include-remote-integrity': detectRemoteIncludeWithoutIntegrity,
  'gitlab/curl-pipe-shell': detectRemoteScriptExecution,
  'gitlab/deploy-environment': detectDeployWithoutEnvironment,
  'gitlab/ci-runs-tests': detectPipelineWithoutTests,
  'gitlab/job-interruptible': detectNonInterruptibleJobs,
  'gitlab/artifacts-expire-in': detectArtifactsWithoutExpiry,
};
