import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import { findRemoteScriptExecution } from '../../ci/shellCommands';
import { everyScriptLine } from '../pipeline';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/** gitlab/curl-pipe-shell: a script line that downloads a script and pipes it straight into a shell. */
export function detectRemoteScriptExecution(pipeline: Pipeline): RawFinding[] {
  const { file } = pipeline;
  const findings: RawFinding[] = [];
  for (const line of everyScriptLine(pipeline)) {
    if (!line.range) continue;
    const source = file.text.slice(line.range[0], line.range[1]);
    for (const match of findRemoteScriptExecution(source)) {
      findings.push(findingAt(file, 'gitlab/curl-pipe-shell', line.range[0] + match.index, match.text.length));
    }
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/curl-pipe-shell',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'job.script'),
  detect: detectRemoteScriptExecution,
});
