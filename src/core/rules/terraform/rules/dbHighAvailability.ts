import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { nestedBlock, setAttributeFix } from '../edits';
import { switchedOff, switchOnFix } from '../switchedOff';
import { stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-high-availability: a production database with no standby in another zone — RDS without
 * `multi_az = true`, Cloud SQL whose `availability_type` is not REGIONAL, an Azure PostgreSQL flexible server
 * without a `high_availability` block. A zone outage (or a maintenance reboot) then stops the product. Aurora
 * clusters replicate their storage across zones by design; read replicas and dev/test folders are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-high-availability',
  anchors: (context) =>
    blockAnchors(context, { resourceTypes: ['aws_db_instance', 'google_sql_database_instance', 'azurerm_postgresql_flexible_server'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;
    for (const { block } of context.resources('aws_db_instance')) {
      if (module.written(block.body, 'replicate_source_db')) continue;
      const off = switchedOff(module, block.body, 'multi_az');
      if (!off) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, off.written),
          `${context.address(block)} runs in one availability zone (multi_az ${off.state}).`,
          switchOnFix(context, block.body, off, 'multi_az', 'Add a standby in another zone (multi_az = true)'),
        ),
      );
    }
    for (const { block } of context.resources('google_sql_database_instance')) {
      if (module.written(block.body, 'master_instance_name')) continue;
      const settings = nestedBlock(block.body, 'settings');
      if (!settings) continue;
      const written = module.written(settings, 'availability_type');
      const value = written ? stringValue(module.value(settings, 'availability_type')) : 'ZONAL';
      if (value !== 'ZONAL') continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, written),
          `${context.address(block)} runs in one zone (availability_type ${written ? 'is ZONAL' : 'is not set: ZONAL'}).`,
          module.variableOf(written)
            ? undefined
            : setAttributeFix(context, settings, 'availability_type', '"REGIONAL"', 'Add a standby in another zone (REGIONAL)'),
        ),
      );
    }
    for (const { block } of context.resources('azurerm_postgresql_flexible_server')) {
      if (stringValue(module.value(block.body, 'create_mode')) === 'Replica') continue;
      if (module.written(block.body, 'high_availability') || block.body.entries.some((entry) => entry.key === 'dynamic')) continue;
      findings.push(
        context.finding(this.ruleId, context.headerRange(block), `${context.address(block)} has no standby (no high_availability block).`),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
