import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { switchedOff } from '../switchedOff';
import { stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-cross-region-backup: an enterprise database whose backups stay in its own region — an Azure flexible
 * server without `geo_redundant_backup_enabled = true`, an RDS instance that no
 * `aws_db_instance_automated_backups_replication` of its module copies to another region. A regional outage
 * then takes the data and its backups together. No quick fix: Azure's setting can only be chosen when the
 * server is created (changing it replaces the server), and an AWS replication needs a provider for the other region.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-cross-region-backup',
  anchors: (context) =>
    blockAnchors(context, { resourceTypes: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server', 'aws_db_instance'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;
    for (const { block } of context.resources('azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server')) {
      if (stringValue(module.value(block.body, 'create_mode')) === 'Replica') continue;
      const off = switchedOff(module, block.body, 'geo_redundant_backup_enabled');
      if (!off) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, off.written),
          `${context.address(block)} keeps its backups in its own region (geo_redundant_backup_enabled ${off.state}).`,
        ),
      );
    }
    const replicated = module
      .resourcesOf('aws_db_instance_automated_backups_replication')
      .map(({ block }) => module.written(block.body, 'source_db_instance_arn'))
      .flatMap((value) => (value?.kind === 'scalar' && typeof value.value === 'string' ? [value.value] : []));
    for (const { block } of context.resources('aws_db_instance')) {
      if (module.written(block.body, 'replicate_source_db')) continue;
      const reference = `aws_db_instance.${block.labels[1] ?? ''}.`;
      if (replicated.some((source) => source.includes(reference))) continue;
      // A replication whose source is not written as a reference (a variable, another module) may be this one.
      if (replicated.some((source) => !source.includes('aws_db_instance.'))) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no copy of its backups in another region (no aws_db_instance_automated_backups_replication).`,
        ),
      );
    }
    return findings;
  },
});
