import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { eachImage } from '../containerImages';
import { workloadAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/** k8s/image-digest: a tag can be re-pushed; only a digest names exactly one image. */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/image-digest',
  anchors: (manifests) => inConcern('testing-deployment', workloadAnchors(manifests, 'container.image')),
  detect(manifests) {
    const findings: RawFinding[] = [];
    eachImage(manifests, (image, pinning, range, owner) => {
      if (pinning !== 'tag' && pinning !== 'latest' && pinning !== 'untagged') return;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Image "${image}" of ${owner} is not pinned by digest: whoever can push the tag decides what runs.`,
      });
    });
    return findings;
  },
});
