import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { switchedOff, switchOnFix } from '../switchedOff';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-deletion-protection: a production database that one `terraform destroy`, or a rename Terraform plans
 * as replace, deletes with its data — RDS and Aurora without `deletion_protection = true` (off by default),
 * Cloud SQL with `deletion_protection = false` (on by default). Read replicas and dev/test folders are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-deletion-protection',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'google_sql_database_instance'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;
    for (const { block } of context.resources('aws_db_instance', 'aws_rds_cluster', 'google_sql_database_instance')) {
      // A read replica is rebuilt from its primary: losing it loses no data.
      if (module.written(block.body, 'replicate_source_db') || module.written(block.body, 'master_instance_name')) continue;
      const onByDefault = block.labels[0] === 'google_sql_database_instance';
      const off = switchedOff(module, block.body, 'deletion_protection', onByDefault);
      if (!off) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, off.written),
          `${context.address(block)} can be deleted by terraform destroy (deletion_protection ${off.state}).`,
          switchOnFix(context, block.body, off, 'deletion_protection', 'Protect it from deletion'),
        ),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
