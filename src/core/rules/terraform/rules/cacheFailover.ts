import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { replaceValueFix, setAttributeFix } from '../edits';
import { boolValue, numberValue, stringValue } from '../values';

/**
 * tf/cache-failover: at scale the cache carries load the database cannot take alone, and the matrix asks for
 * failover: an ElastiCache replication group without `automatic_failover_enabled = true`, a single-node Redis
 * `aws_elasticache_cluster`, a Memorystore instance on the BASIC tier, an Azure Redis cache on the Basic SKU —
 * when that one node fails or is patched, every request misses at once and the database takes the stampede.
 * Memcached is sharded by design and not asked. Dev and test folders are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cache-failover',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: ['aws_elasticache_replication_group', 'aws_elasticache_cluster', 'google_redis_instance', 'azurerm_redis_cache'],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;

    for (const { block } of context.resources('aws_elasticache_replication_group')) {
      const written = module.written(block.body, 'automatic_failover_enabled');
      const value = written ? boolValue(module.value(block.body, 'automatic_failover_enabled')) : false;
      if (value !== false) continue;
      // Failover needs a replica to promote: the fix is offered only when the group has one.
      const nodes =
        numberValue(module.value(block.body, 'num_cache_clusters')) ?? numberValue(module.value(block.body, 'number_cache_clusters'));
      const replicas = numberValue(module.value(block.body, 'replicas_per_node_group'));
      const fixable = !module.variableOf(written) && ((nodes !== undefined && nodes >= 2) || (replicas !== undefined && replicas >= 1));
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, written),
          `${context.address(block)} does not fail over to a replica (automatic_failover_enabled ${written ? 'is false' : 'is not set'}).`,
          fixable ? setAttributeFix(context, block.body, 'automatic_failover_enabled', 'true', 'Fail over automatically') : undefined,
        ),
      );
    }

    for (const { block } of context.resources('aws_elasticache_cluster')) {
      if (module.written(block.body, 'replication_group_id')) continue;
      const engine = stringValue(module.value(block.body, 'engine'));
      if (engine !== 'redis' && engine !== 'valkey') continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} is a standalone ${engine} node (no replication group): nothing takes over when it fails.`,
        ),
      );
    }

    for (const { block } of context.resources('google_redis_instance')) {
      const written = module.written(block.body, 'tier');
      const tier = written ? stringValue(module.value(block.body, 'tier')) : 'BASIC';
      if (tier !== 'BASIC') continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, written),
          `${context.address(block)} has no replica to fail over to (tier ${written ? 'is BASIC' : 'is not set: BASIC'}).`,
          module.variableOf(written)
            ? undefined
            : setAttributeFix(context, block.body, 'tier', '"STANDARD_HA"', 'Use the STANDARD_HA tier'),
        ),
      );
    }

    for (const { block } of context.resources('azurerm_redis_cache')) {
      const written = module.written(block.body, 'sku_name');
      if (!written || stringValue(module.value(block.body, 'sku_name')) !== 'Basic') continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.range(written.start, written.end),
          `${context.address(block)} runs on the Basic SKU: one node, no replica to fail over to.`,
          module.variableOf(written) ? undefined : replaceValueFix(context, written, '"Standard"', 'Use the Standard SKU (a replica)'),
        ),
      );
    }
    return findings;
  },
});
