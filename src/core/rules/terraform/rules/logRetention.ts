import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { setAttributeFix } from '../edits';
import { numberValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/log-retention: a CloudWatch log group that keeps its logs forever (`retention_in_days` left out or 0):
 * the bill grows every month, and logs holding personal data are kept past any stated retention.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/log-retention',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_cloudwatch_log_group'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    for (const { block } of context.resources('aws_cloudwatch_log_group')) {
      const written = module.written(block.body, 'retention_in_days');
      const days = written ? numberValue(module.value(block.body, 'retention_in_days')) : 0;
      if (days !== 0) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, written),
          `${context.address(block)} keeps its logs forever (retention_in_days ${written ? 'is 0' : 'is not set'}).`,
          module.variableOf(written) ? undefined : setAttributeFix(context, block.body, 'retention_in_days', '30', 'Keep logs 30 days'),
        ),
      );
    }
    return findings;
  },
});
