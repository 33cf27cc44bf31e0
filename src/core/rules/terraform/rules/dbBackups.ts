import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock, setAttributeFix } from '../edits';
import { boolValue, numberValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/db-backups: a managed database without automated backups — RDS with `backup_retention_period = 0`
 * (a read replica, which replicates instead, is exempt), Cloud SQL without `backup_configuration { enabled = true }`.
 * An RDS instance that leaves the period out gets AWS's default of one day, which is backups; a value from a
 * variable whose default is not known is not judged.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-backups',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_db_instance', 'google_sql_database_instance'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    for (const { block } of context.resources('aws_db_instance')) {
      if (module.written(block.body, 'replicate_source_db')) continue;
      const written = module.written(block.body, 'backup_retention_period');
      if (written && numberValue(module.value(block.body, 'backup_retention_period')) === 0) {
        const variable = module.variableOf(written);
        findings.push(
          context.finding(
            this.ruleId,
            context.valueRange(block, written),
            `${context.address(block)} keeps no automated backups (backup_retention_period is 0${variable ? `, the default of var.${variable.block.labels[0]}` : ''}).`,
            variable ? undefined : setAttributeFix(context, block.body, 'backup_retention_period', '7', 'Keep 7 days of automated backups'),
          ),
        );
      }
    }
    for (const { block } of context.resources('google_sql_database_instance')) {
      if (module.written(block.body, 'master_instance_name')) continue;
      const settings = nestedBlock(block.body, 'settings');
      if (!settings || hasDynamicBlock(settings, 'backup_configuration')) continue; // built by a dynamic block, or missing: unknown
      const backup = nestedBlock(settings, 'backup_configuration');
      const enabled = backup ? module.value(backup, 'enabled') : undefined;
      if (backup && enabled === undefined && module.written(backup, 'enabled')) continue; // unknown
      if (boolValue(enabled) === true) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, backup ? (module.written(backup, 'enabled') ?? backup) : undefined),
          `${context.address(block)} has automated backups switched off (settings.backup_configuration.enabled).`,
          backup ? setAttributeFix(context, backup, 'enabled', 'true', 'Enable automated backups') : undefined,
        ),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
