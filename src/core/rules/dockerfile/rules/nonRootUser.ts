import type { RawFinding } from '../../types';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';
import { insertLinesBefore, runtimeInsertionPoint } from '../edits';
import { finalChainInstructions, toRange } from '../model';
import type { DockerfileModel } from '../model';
import { instructionAnchor, keywordAnchors } from '../anchorPlaces';

export const NON_ROOT_USER_LINE = 'USER 10001:10001';

/** Base images that already run as a non-root user by convention (`distroless/static:nonroot`). */
const NON_ROOT_IMAGE = /non-?root|rootless/i;

/**
 * docker/non-root-user: the image that ships (the final stage, with the stages
 * it builds on) runs its process as root — no USER, or the last USER is root.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/non-root-user',
  // Every USER, and the final stage's FROM while its chain has none (where the rule reports).
  anchors(model) {
    const hasUser = finalChainInstructions(model).some((instruction) => instruction.getKeyword() === 'USER');
    const from = model.finalStage && !hasUser ? [instructionAnchor(model.finalStage.from)] : [];
    return [...from, ...keywordAnchors(model, 'USER')];
  },
  detect(model) {
    const finalStage = model.finalStage;
    if (!finalStage) return [];
    const users = finalChainInstructions(model).filter((instruction) => instruction.getKeyword() === 'USER');
    const lastUser = users[users.length - 1];
    const fix = () => ({
      title: `Insert \`${NON_ROOT_USER_LINE}\` before the container starts`,
      edits: [insertLinesBefore(model, runtimeInsertionPoint(model), [NON_ROOT_USER_LINE])],
    });
    if (lastUser) {
      const written = lastUser.getArgumentsContent()?.trim() ?? '';
      const argsRange = lastUser.getArgumentsRange();
      if (!isRootUser(written) || !argsRange) return [];
      const finding: RawFinding = {
        ruleId: this.ruleId,
        range: toRange(argsRange),
        message: `The image runs as \`${written}\`: the last USER of the final stage is root.`,
        fix: fix(),
      };
      return [finding];
    }
    if (buildsOnNonRootImage(model)) return [];
    return [
      {
        ruleId: this.ruleId,
        range: toRange(finalStage.from.getInstructionRange()),
        message: 'The final stage sets no USER, so the container runs as root.',
        fix: fix(),
      },
    ];
  },
});

/** `root`, `0`, `root:root`, `0:0`, `root:app`… (a variable is not judged). */
export function isRootUser(written: string): boolean {
  const user = written.split(':')[0].trim();
  return user === 'root' || user === '0';
}

function buildsOnNonRootImage(model: DockerfileModel): boolean {
  const root = model.finalChain[model.finalChain.length - 1];
  const image = baseImages(model).find((candidate) => candidate.stage === root);
  const reference = image?.resolved ?? image?.written ?? '';
  return NON_ROOT_IMAGE.test(reference);
}
