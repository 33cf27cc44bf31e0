import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { switchedOff, switchOnFix } from '../switchedOff';
import { stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-encrypted: an RDS instance or Aurora cluster whose storage is not encrypted at rest
 * (`storage_encrypted` left out or false). Encryption can only be chosen at creation: turning it on later
 * means a snapshot, a copy and a restore. Read replicas inherit their source's setting; Aurora Serverless v1
 * is always encrypted.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-encrypted',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_db_instance', 'aws_rds_cluster'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    for (const { block } of context.resources('aws_db_instance', 'aws_rds_cluster')) {
      if (module.written(block.body, 'replicate_source_db') || module.written(block.body, 'snapshot_identifier')) continue;
      if (stringValue(module.value(block.body, 'engine_mode')) === 'serverless') continue;
      const off = switchedOff(module, block.body, 'storage_encrypted');
      if (!off) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, off.written),
          `${context.address(block)} stores its data unencrypted (storage_encrypted ${off.state}).`,
          switchOnFix(context, block.body, off, 'storage_encrypted', 'Encrypt the storage (storage_encrypted = true)'),
        ),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
