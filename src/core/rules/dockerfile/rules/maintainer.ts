import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { keywordLike, replaceRange } from '../edits';
import { toRange } from '../model';
import { keywordAnchors } from '../anchorPlaces';

/** docker/maintainer: MAINTAINER is deprecated; a `maintainer` LABEL carries the same information where tools read it. */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/maintainer',
  anchors: (model) => keywordAnchors(model, 'MAINTAINER'),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of model.dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const finding: RawFinding = {
        ruleId: this.ruleId,
        range: toRange(instruction.getInstructionRange()),
        message: 'MAINTAINER is deprecated: use `LABEL maintainer="…"`.',
      };
      const argsRange = instruction.getArgumentsRange();
      const value = instruction.getRawArgumentsContent();
      if (argsRange && value !== null && argsRange.start.line === argsRange.end.line) {
        const start = model.mapper.offset(instruction.getInstructionRange().start);
        const end = model.mapper.offset(argsRange.end);
        const label = `${keywordLike(instruction.getInstruction(), 'LABEL')} maintainer=${dockerfileQuoted(value.trim())}`;
        finding.fix = { title: 'Replace with LABEL maintainer=…', edits: [replaceRange(model, start, end, label)] };
      }
      findings.push(finding);
    }
    return findings;
  },
});

/** A double-quoted Dockerfile word: backslashes, quotes and `$` (LABEL expands variables) escaped. */
function dockerfileQuoted(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}
