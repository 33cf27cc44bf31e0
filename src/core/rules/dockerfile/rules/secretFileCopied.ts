import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { deleteWord } from '../edits';
import { finalChainInstructions, toRange } from '../model';
import { isExecForm } from '../runScripts';
import { hasFromFlag, sourcesOf } from '../copySources';
import { secretFileKind } from '../secretFiles';

/**
 * docker/secret-file-copied: COPY or ADD of a file that holds secrets by
 * convention (`.env`, `id_rsa`, `server.key`, `.npmrc`, `.aws/credentials`…)
 * into the image that ships: anyone who can pull the image reads it, and a
 * later `RUN rm` does not remove it from the layer. Only explicit sources are
 * judged (`COPY . .` depends on the .dockerignore of the build context), and
 * only the final stage with the stages it builds on: a builder stage's files
 * ship only if copied on, and `COPY --from` copies are not read.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/secret-file-copied',
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of finalChainInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (hasFromFlag(instruction)) continue;
      const sources = sourcesOf(instruction);
      for (const source of sources) {
        const kind = secretFileKind(source.value);
        if (!kind) continue;
        const start = model.mapper.offset(source.range.start);
        const end = model.mapper.offset(source.range.end);
        findings.push({
          ruleId: this.ruleId,
          range: toRange(source.range),
          message: `${keyword} puts "${source.value}" (${kind}) into the image that ships: anyone who can pull the image can read it. Pass it at build time with \`RUN --mount=type=secret\`, or at run time.`,
          // Dropping one of several sources is one safe edit; a COPY of nothing but the secret needs a decision.
          ...(sources.length > 1 && !isExecForm(instruction)
            ? { fix: { title: `Stop copying "${source.value}"`, edits: [deleteWord(model, start, end)] } }
            : {}),
        });
      }
    }
    return findings;
  },
});
