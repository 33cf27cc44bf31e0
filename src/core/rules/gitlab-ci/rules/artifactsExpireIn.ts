import { isMap } from 'yaml';
import type { RawFinding } from '../../types';
import { insertEntries } from '../../yaml/yamlEdits';
import { findPair, getPath } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import { lineage, resolved } from '../pipeline';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { DEFAULT_EXPIRE_IN } from '../jobs';
import { pipelineAnchors } from '../anchorPlaces';
import { fixOnDemand } from '../../engine/fixesOnDemand';

/**
 * gitlab/artifacts-expire-in: `artifacts:` without `expire_in`, on a job (a
 * template it extends may supply it, from any file of the pipeline: extends
 * merges maps), a hidden template or `default:`.
 */
export function detectArtifactsWithoutExpiry(pipeline: Pipeline): RawFinding[] {
  const findings: RawFinding[] = [];
  const check = (owner: unknown, hasExpiry: boolean) => {
    const pair = findPair(owner, 'artifacts');
    if (!pair || !isMap(pair.value) || hasExpiry) return;
    findings.push(
      ...findingOn(
        pipeline.file,
        'gitlab/artifacts-expire-in',
        pair.key,
        undefined,
        fixOnDemand(`Add \`expire_in: ${DEFAULT_EXPIRE_IN}\``, () =>
          insertEntries(pipeline.file, pair.value, { expire_in: DEFAULT_EXPIRE_IN }),
        ),
      ),
    );
  };
  if (pipeline.defaults) check(pipeline.defaults, getPath(pipeline.defaults, ['artifacts', 'expire_in']) !== undefined);
  for (const job of pipeline.jobs) {
    if (!lineage(pipeline, job).complete) continue;
    // The job's own `artifacts:` replaces `default:`'s, but merges with its templates' (in any file of the pipeline).
    check(job.map, resolved(pipeline, job, 'artifacts.expire_in') !== undefined);
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/artifacts-expire-in',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'default.artifacts', 'job.artifacts'),
  detect: detectArtifactsWithoutExpiry,
});
