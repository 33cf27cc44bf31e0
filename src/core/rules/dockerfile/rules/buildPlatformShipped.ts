import type { RawFinding } from '../../types';
import { parseImageReference } from '../../containerImage';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';
import { deleteWord } from '../edits';
import { toRange } from '../model';

const BUILD_PLATFORM = new Set(['$BUILDPLATFORM', '${BUILDPLATFORM}']);

/**
 * docker/build-platform-shipped: the image that ships starts
 * `FROM --platform=$BUILDPLATFORM <image>`. That flag is for builder stages
 * that cross-compile; on the runtime stage, a multi-platform build puts the
 * build machine's binaries (amd64 on a CI runner) into every platform's
 * image, and the arm64 variant fails with "exec format error" on start.
 * `scratch` is left alone: it brings no binaries of its own.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/build-platform-shipped',
  detect(model) {
    const root = model.finalChain[model.finalChain.length - 1];
    const flag = root?.from.getPlatformFlag();
    if (!root || !flag || !BUILD_PLATFORM.has((flag.getValue() ?? '').trim())) return [];
    // Only an image with binaries of its own: not scratch, nor a reference nothing can be said about.
    const image = baseImages(model).find((candidate) => candidate.stage === root);
    if (!image || image.resolved === undefined || parseImageReference(image.resolved) === undefined) return [];
    const range = flag.getRange();
    const finding: RawFinding = {
      ruleId: this.ruleId,
      range: toRange(range),
      message: `The stage that ships runs on the build machine's platform (\`${flag.getValue()}\`): a multi-platform build puts its binaries into every platform's image, and the others fail with "exec format error". Drop the flag (the target platform is the default).`,
      fix: {
        title: 'Drop `--platform=$BUILDPLATFORM`',
        edits: [deleteWord(model, model.mapper.offset(range.start), model.mapper.offset(range.end))],
      },
    };
    return [finding];
  },
});
