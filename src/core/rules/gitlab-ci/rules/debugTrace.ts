import type { RawFinding } from '../../types';
import { removeEntry } from '../../yaml/yamlEdits';
import { findingOn } from '../../ci/findings';
import type { Pipeline } from '../pipeline';
import { everyVariable, variableValue } from '../pipelineVariables';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

const DEBUG_VARIABLES = new Set(['CI_DEBUG_TRACE', 'CI_DEBUG_SERVICES']);

/** gitlab/debug-trace: `CI_DEBUG_TRACE` / `CI_DEBUG_SERVICES` set to true, globally or on a job. */
export function detectDebugTrace(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const entry of everyVariable(pipeline)) {
    if (!DEBUG_VARIABLES.has(entry.name) || variableValue(entry)?.trim().toLowerCase() !== 'true') continue;
    findings.push(
      ...findingOn(
        pipeline.file,
        'gitlab/debug-trace',
        entry.pair.key,
        `\`${entry.name}\` writes every variable, secrets included, to the job log.`,
        fixOnDemand(`Remove \`${entry.name}\``, () =>
          removeEntry(pipeline.file, entry.variables, entry.name, { map: entry.owner, key: 'variables' }),
        ),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/debug-trace',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'global.variables', 'job.variables'),
  detect: detectDebugTrace,
});
