import type { RawFinding } from '../../types';
import { endOfLifeOf, endOfLifeTable } from '../../endOfLifeImages';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';

/**
 * docker/base-image-eol: the image that ships (the final stage, through the
 * stages it builds on) starts from a runtime or distribution past its end of
 * life (data/end-of-life.yml): Node.js 18, Python 3.8, .NET 6, Postgres 12,
 * Debian buster… Builder stages are left alone: only what they copy ships.
 * `FROM image:${VERSION}` is judged by the ARG's default.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/base-image-eol',
  detect(model) {
    const findings: RawFinding[] = [];
    const { asOf } = endOfLifeTable();
    for (const image of baseImages(model)) {
      if (!model.finalChain.includes(image.stage) || image.resolved === undefined) continue;
      const row = endOfLifeOf(image.resolved);
      if (!row) continue;
      const shown = image.resolved !== image.written ? `"${image.written}" (= "${image.resolved}" by default)` : `"${image.written}"`;
      findings.push({
        ruleId: this.ruleId,
        range: image.range,
        message: `The image ships on ${shown}: ${row.name} is end of life since ${row.eol} (table as of ${asOf}, ${row.source}), so it gets no security fixes.`,
      });
    }
    return findings;
  },
});
