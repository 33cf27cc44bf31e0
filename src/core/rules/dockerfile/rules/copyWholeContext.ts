import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { finalChainInstructions, toRange } from '../model';
import { hasFromFlag, sourcesOf } from '../copySources';

/** Sources that name the whole build context: its folder, or every top-level entry of it. */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/**
 * docker/copy-whole-context: `COPY . .` (or `ADD .`, `COPY * ./`) in the
 * image that ships — the final stage and the stages it builds on; a builder
 * stage's files ship only if copied on. Whether a `.dockerignore` filters the
 * context is not in the Dockerfile: the judge reads the workspace model
 * (DeploymentModel.dockerignoreFor) and drops the finding when one exists, so
 * a Dockerfile analysed alone reports it.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/copy-whole-context',
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of finalChainInstructions(model)) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'COPY' && keyword !== 'ADD') || hasFromFlag(instruction)) continue;
      const whole = sourcesOf(instruction).find((source) => WHOLE_CONTEXT.has(source.value));
      if (!whole) continue;
      findings.push({
        ruleId: this.ruleId,
        range: toRange(whole.range),
        message: `${keyword} ${whole.value} copies the whole build context into the image that ships, and no .dockerignore filters it: a local .env, key files and (from the repository root) .git go in too.`,
      });
    }
    return findings;
  },
});
