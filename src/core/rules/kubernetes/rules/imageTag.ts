import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { eachImage } from '../containerImages';
import { workloadAnchors } from '../anchorPlaces';

/** k8s/image-tag: no tag or `:latest` — what runs changes with every pull (and node). */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/image-tag',
  anchors: (manifests) => workloadAnchors(manifests, 'container.image'),
  detect(manifests) {
    const findings: RawFinding[] = [];
    eachImage(manifests, (image, pinning, range, owner) => {
      if (pinning !== 'latest' && pinning !== 'untagged') return;
      const what = pinning === 'latest' ? 'uses the moving `latest` tag' : 'has no tag (so `latest`)';
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Image "${image}" of ${owner} ${what}: nodes can run different code, and a rollback cannot name the old version.`,
      });
    });
    return findings;
  },
});
