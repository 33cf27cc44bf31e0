import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import { findRemoteScriptExecution } from '../../ci/shellCommands';
import { runSteps } from '../workflow';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

/** gha/curl-pipe-shell: a `run:` that downloads a script and pipes it straight into a shell. */
export function detectRemoteScriptExecution(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  for (const { run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    for (const match of findRemoteScriptExecution(source)) {
      findings.push(findingAt(file, 'gha/curl-pipe-shell', run.range[0] + match.index, match.text.length));
    }
  }
  return findings;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/curl-pipe-shell',
  anchors: (workflow) => workflowAnchors(workflow, 'step.run'),
  detect: detectRemoteScriptExecution,
});
