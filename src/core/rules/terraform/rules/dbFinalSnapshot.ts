import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { replaceValueFix } from '../edits';
import { boolValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-final-snapshot: `skip_final_snapshot = true` on a production RDS instance or Aurora cluster: when it is
 * destroyed or replaced, its data goes with it, with no last snapshot to restore. The quick fix needs a
 * `final_snapshot_identifier` beside it (Terraform refuses false without one), so it is offered only then.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-final-snapshot',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_db_instance', 'aws_rds_cluster'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;
    for (const { block } of context.resources('aws_db_instance', 'aws_rds_cluster')) {
      if (module.written(block.body, 'replicate_source_db')) continue;
      const written = module.written(block.body, 'skip_final_snapshot');
      if (!written || boolValue(module.value(block.body, 'skip_final_snapshot')) !== true) continue;
      const fixable = !module.variableOf(written) && module.written(block.body, 'final_snapshot_identifier') !== undefined;
      findings.push(
        context.finding(
          this.ruleId,
          context.range(written.start, written.end),
          `${context.address(block)} is destroyed without a final snapshot (skip_final_snapshot = true).`,
          fixable ? replaceValueFix(context, written, 'false', 'Take a final snapshot') : undefined,
        ),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
