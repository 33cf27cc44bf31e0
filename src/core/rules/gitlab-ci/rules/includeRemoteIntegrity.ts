import { isMap, isScalar } from 'yaml';
import type { RawFinding } from '../../types';
import { findPair, scalarString, seqItems } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/**
 * gitlab/include-remote-integrity: `include: remote:` (or a bare URL) without
 * `integrity:` runs whatever that server returns at pipeline time, with the
 * project's CI variables. GitLab checks an `integrity: sha256-…` hash before
 * using the file.
 */
export function detectRemoteIncludeWithoutIntegrity(pipeline: Pipeline): RawFinding[] {
  const include = findPair(pipeline.root, 'include')?.value;
  const entries = isMap(include) || isScalar(include) ? [include] : seqItems(include);
  const findings: RawFinding[] = [];
  for (const entry of entries) {
    if (isScalar(entry)) {
      if (isUrl(scalarString(entry))) findings.push(...findingOn(pipeline.file, 'gitlab/include-remote-integrity', entry));
      continue;
    }
    const remote = findPair(entry, 'remote');
    if (!remote || findPair(entry, 'integrity') || !isUrl(scalarString(remote.value))) continue;
    findings.push(...findingOn(pipeline.file, 'gitlab/include-remote-integrity', remote.value));
  }
  return findings;
}

function isUrl(value: string | undefined): boolean {
  const lower = value?.trim().toLowerCase() ?? '';
  return lower.startsWith('https://') || lower.startsWith('http://');
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/include-remote-integrity',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'global.include'),
  detect: detectRemoteIncludeWithoutIntegrity,
});
