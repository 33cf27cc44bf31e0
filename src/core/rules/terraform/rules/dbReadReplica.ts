import type { TreeMap } from '../../../evidence/parsers/locatedTree';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { addressOf, namedAcrossWorkspace, referencesOf } from '../references';
import { stringValue } from '../values';

/** Per database type: the argument a replica names its primary with, and how a resource says it is a replica. */
const REPLICA_SOURCES: Record<string, string> = {
  aws_db_instance: 'replicate_source_db',
  google_sql_database_instance: 'master_instance_name',
  azurerm_postgresql_flexible_server: 'source_server_id',
  azurerm_mysql_flexible_server: 'source_server_id',
};

/**
 * tf/db-read-replica: at scale the matrix asks for replication — a primary database (RDS, Cloud SQL, Azure
 * flexible server) that no replica of its module names (`replicate_source_db`, `master_instance_name`,
 * `create_mode = "Replica"` with `source_server_id`; a module call passing one counts), or an Aurora cluster
 * with a single instance, serves every read from the one writer. A replica naming its primary through a variable
 * or another module's output may be this database's: then nothing is reported. Dev and test folders are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/db-read-replica',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_db_instance',
        'aws_rds_cluster',
        'google_sql_database_instance',
        'azurerm_postgresql_flexible_server',
        'azurerm_mysql_flexible_server',
      ],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;

    // Replicas name their primary; a module call passing `replicate_source_db` (a registry RDS module) makes one.
    const named = namedAcrossWorkspace(
      context,
      Object.keys(REPLICA_SOURCES),
      (owner, block) => {
        const type = block.labels[0] ?? '';
        // An Azure server restored from another (PointInTimeRestore) names it too, without replicating it.
        if (type.startsWith('azurerm_') && stringValue(owner.value(block.body, 'create_mode')) === 'PointInTimeRestore') return [];
        return [owner.written(block.body, REPLICA_SOURCES[type])];
      },
      Object.keys(REPLICA_SOURCES),
    );
    const primaries = new Set(named.addresses);
    let known = named.known;
    for (const owner of context.workspaceModules()) {
      for (const { block } of owner.moduleCalls) {
        for (const key of new Set(Object.values(REPLICA_SOURCES))) {
          const written = owner.written(block.body, key);
          if (!written) continue;
          const references = referencesOf(written);
          known &&= references.known;
          if (owner === module) references.addresses.forEach((address) => primaries.add(address));
        }
      }
    }
    if (!known) return findings;

    for (const type of Object.keys(REPLICA_SOURCES)) {
      for (const { block } of context.resources(type)) {
        if (isReplica(module, block.body, type)) continue;
        if (primaries.has(addressOf(block.labels))) continue;
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} has no read replica: every read goes to the primary (no replica names it in ${REPLICA_SOURCES[type]}).`,
          ),
        );
      }
    }

    const instances = module.resourcesOf('aws_rds_cluster_instance');
    for (const { block } of context.resources('aws_rds_cluster')) {
      if (module.written(block.body, 'engine_mode') && stringValue(module.value(block.body, 'engine_mode')) !== 'provisioned') continue;
      let count = 0;
      for (const instance of instances) {
        const references = referencesOf(module.written(instance.block.body, 'cluster_identifier'), ['aws_rds_cluster']);
        const size = module.instanceCount(instance.block);
        if (!references.known || size === undefined) {
          count = Number.NaN;
          break;
        }
        if (references.addresses.includes(addressOf(block.labels))) count += size;
      }
      // No instance here: they are created elsewhere (a module, another folder), not known.
      if (count !== 1) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has one instance: no Aurora reader takes read traffic off the writer.`,
        ),
      );
    }
    return findings;
  },
});

/** The resource is itself a replica (or may be: an Azure `create_mode` other than Default, or unknown). */
function isReplica(module: TerraformModule, body: TreeMap, type: string): boolean {
  if (!type.startsWith('azurerm_')) return module.written(body, REPLICA_SOURCES[type]) !== undefined;
  const mode = module.written(body, 'create_mode');
  return mode !== undefined && stringValue(module.value(body, 'create_mode')) !== 'Default';
}
