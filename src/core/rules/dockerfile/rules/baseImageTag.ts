import type { RawFinding } from '../../types';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';
import { fromAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/**
 * docker/base-image-tag: `FROM node` or `FROM node:latest` builds on whatever
 * the registry serves that day. `scratch`, earlier stages and references whose
 * ARG has no default (nothing to judge) are left alone.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/base-image-tag',
  // Every base image is a choice of the tech stack: the hover on each FROM says what the stage asks of it.
  anchors: (model) => inConcern('tech-stack', fromAnchors(model)),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const image of baseImages(model)) {
      if (image.pinning !== 'latest' && image.pinning !== 'untagged') continue;
      const shown =
        image.resolved !== undefined && image.resolved !== image.written
          ? `"${image.written}" (= "${image.resolved}" by default)`
          : `"${image.written}"`;
      findings.push({
        ruleId: this.ruleId,
        range: image.range,
        message:
          image.pinning === 'latest'
            ? `Base image ${shown} uses the moving \`latest\` tag: each build may start from a different image.`
            : `Base image ${shown} has no tag, so it means \`latest\`: each build may start from a different image.`,
      });
    }
    return findings;
  },
});
