import type { RawFinding } from '../../types';
import { privilegedArtifactDownloads } from '../artifactDownloads';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

/**
 * gha/privileged-artifact-download: a `workflow_run` or `pull_request_target`
 * workflow downloads artifacts. They were built by the triggering run, which a
 * fork's pull request controls: unpacked next to the base repository's secrets
 * and write token, a poisoned artifact overwrites scripts, config or tools the
 * job then runs ("artifact poisoning"). `actions/download-artifact` only
 * reaches another run when given `run-id:`; without it, it reads the current
 * (trusted) run and is left alone.
 */
export function detectPrivilegedArtifactDownload(workflow: Workflow): RawFinding[] {
  return privilegedArtifactDownloads(workflow).map((download) => download.finding);
}

export const rule = defineRule('github-actions', { ruleId: 'gha/privileged-artifact-download', detect: detectPrivilegedArtifactDownload });
