import type { RawFinding } from '../../types';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';
import { fromAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/** docker/base-image-digest: a tag can be re-pointed; only `@sha256:…` names exactly one image. */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/base-image-digest',
  anchors: (model) => inConcern('tech-stack', fromAnchors(model)),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const image of baseImages(model)) {
      if (image.pinning !== 'tag' && image.pinning !== 'latest' && image.pinning !== 'untagged') continue;
      findings.push({
        ruleId: this.ruleId,
        range: image.range,
        message: `Base image "${image.resolved ?? image.written}" is not pinned by digest: the tag can be moved to a different image.`,
      });
    }
    return findings;
  },
});
