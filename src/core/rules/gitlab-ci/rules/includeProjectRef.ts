import { isMap } from 'yaml';
import type { RawFinding } from '../../types';
import { findPair, seqItems } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/** gitlab/include-project-ref: `include: project:` without `ref:` follows the other project's default branch. */
export function detectIncludeWithoutRef(pipeline: Pipeline): RawFinding[] {
  const include = findPair(pipeline.root, 'include')?.value;
  const entries = isMap(include) ? [include] : seqItems(include);
  const findings: RawFinding[] = [];
  for (const entry of entries) {
    const project = findPair(entry, 'project');
    if (!project || findPair(entry, 'ref')) continue;
    findings.push(...findingOn(pipeline.file, 'gitlab/include-project-ref', project.key));
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/include-project-ref',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'global.include'),
  detect: detectIncludeWithoutRef,
});
