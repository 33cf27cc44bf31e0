import { isHardCodedSecret } from '../../secretLike';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Pipeline } from '../pipeline';
import { everyVariable, variableValue } from '../pipelineVariables';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/**
 * gitlab/secret-variables: a secret-like variable (`DB_PASSWORD`, `API_KEY`…)
 * with a literal value in the global or a job's `variables:` (short or
 * `value:` form). References (`$DEPLOY_TOKEN`) and flags (`true`) are fine.
 */
export function detectSecretVariables(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const entry of everyVariable(pipeline)) {
    if (!isHardCodedSecret(entry.name, variableValue(entry))) continue;
    findings.push(
      ...findingOn(pipeline.file, 'gitlab/secret-variables', entry.value, `\`${entry.name}\` holds a literal secret in the pipeline file.`),
    );
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/secret-variables',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'global.variables', 'job.variables'),
  detect: detectSecretVariables,
});
