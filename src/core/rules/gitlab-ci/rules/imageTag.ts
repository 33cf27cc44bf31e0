import { isMap } from 'yaml';
import type { Node } from 'yaml';
import { imagePinning } from '../../containerImage';
import type { RawFinding } from '../../types';
import { findPair, scalarString, seqItems } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/** The scalar naming the image in `image: node:20` or `image: { name: node:20 }`. */
function imageName(value: unknown): Node | null | undefined {
  return isMap(value) ? findPair(value, 'name')?.value : (value as Node | null | undefined);
}

/**
 * gitlab/image-tag: a job, `default:` or global `image:` (or a service) that
 * is untagged or `:latest`. Templated names (`$CI_REGISTRY_IMAGE`) are unknown and skipped.
 */
export function detectUnpinnedImages(pipeline: Pipeline): RawFinding[] {
  const owners = [pipeline.root, ...(pipeline.defaults ? [pipeline.defaults] : []), ...pipeline.jobs.map((job) => job.map)];
  const findings: RawFinding[] = [];
  for (const owner of owners) {
    const names = [imageName(findPair(owner, 'image')?.value), ...seqItems(findPair(owner, 'services')?.value).map(imageName)];
    for (const name of names) {
      const reference = scalarString(name);
      if (reference === undefined) continue;
      const pinning = imagePinning(reference);
      if (pinning !== 'untagged' && pinning !== 'latest') continue;
      const message =
        pinning === 'latest' ? `\`${reference}\` follows \`latest\`.` : `\`${reference}\` has no tag, so it pulls \`latest\`.`;
      findings.push(...findingOn(pipeline.file, 'gitlab/image-tag', name, message));
    }
  }
  return findings;
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/image-tag',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'global.image', 'default.image', 'job.image'),
  detect: detectUnpinnedImages,
});
