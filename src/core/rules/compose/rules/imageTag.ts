import type { RawFinding } from '../../types';
import { nodeRange } from '../../yaml/yamlSupport';
import { imagePinning } from '../../containerImage';
import { lookupPair, resolveNode, scalarText } from '../composeModel';
import { defineRule } from '../../engine/ruleModule';
import { composeAnchors } from '../anchorPlaces';

/**
 * compose/image-tag: `image:` without a tag or with `:latest` pulls whatever
 * the registry serves that day. Services that `build:` their image are fine:
 * there `image:` only names the local build result.
 */
export const rule = defineRule('compose', {
  ruleId: 'compose/image-tag',
  anchors: (compose) => composeAnchors(compose, 'service.image'),
  detect(compose) {
    const findings: RawFinding[] = [];
    for (const service of compose.services) {
      if (lookupPair(compose.doc, service.map, 'build')) continue;
      const node = resolveNode(compose.doc, lookupPair(compose.doc, service.map, 'image')?.value);
      const image = scalarText(node);
      if (image === undefined) continue;
      const pinning = imagePinning(image);
      if (pinning !== 'latest' && pinning !== 'untagged') continue;
      const range = nodeRange(compose.file, node);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message:
          pinning === 'latest'
            ? `Image "${image}" uses the moving \`latest\` tag: each pull may run different code.`
            : `Image "${image}" has no tag, so it means \`latest\`: each pull may run different code.`,
      });
    }
    return findings;
  },
});
