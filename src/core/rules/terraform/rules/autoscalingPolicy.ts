import type { HclBlock } from '../../../evidence/parsers/hclTree';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { addressOf, referencesOf } from '../references';
import { stringValue } from '../values';

/**
 * tf/autoscaling-policy: at scale, capacity follows traffic — an `aws_autoscaling_group` that no
 * `aws_autoscaling_policy` (or scheduled action) of its module scales, or an ECS service that no
 * `aws_appautoscaling_target` with a policy scales, stays at its desired count however the load moves. A policy
 * whose group is named by something other than a resource of the module (a variable, a module output) may be the
 * one: then nothing is reported. Groups a Kubernetes cluster autoscaler drives (its `k8s.io/cluster-autoscaler`
 * tags) are scaled from outside Terraform.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/autoscaling-policy',
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;

    const scaledGroups = new Set<string>();
    let groupsKnown = true;
    for (const { block } of module.resourcesOf('aws_autoscaling_policy', 'aws_autoscaling_schedule')) {
      const references = referencesOf(module.written(block.body, 'autoscaling_group_name'), ['aws_autoscaling_group']);
      references.addresses.forEach((address) => scaledGroups.add(address));
      groupsKnown &&= references.known;
    }
    if (groupsKnown) {
      for (const { block } of context.resources('aws_autoscaling_group')) {
        if (scaledGroups.has(addressOf(block.labels)) || isClusterAutoscalerGroup(module, block)) continue;
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} has no scaling policy: it runs its desired capacity whatever the traffic (no aws_autoscaling_policy names it).`,
          ),
        );
      }
    }

    const targets = module
      .resourcesOf('aws_appautoscaling_target')
      .filter(({ block }) => stringValue(module.value(block.body, 'service_namespace')) !== 'dynamodb');
    const hasPolicy = module.resourcesOf('aws_appautoscaling_policy', 'aws_appautoscaling_scheduled_action').length > 0;
    const scaledServices = new Set<string>();
    let servicesKnown = true;
    for (const { block } of targets) {
      const references = referencesOf(module.written(block.body, 'resource_id'), ['aws_ecs_service']);
      references.addresses.forEach((address) => scaledServices.add(address));
      servicesKnown &&= references.known;
    }
    if (!servicesKnown) return findings;
    for (const { block } of context.resources('aws_ecs_service')) {
      // A daemon runs one task per instance: the instances scale, not the service.
      if (stringValue(module.value(block.body, 'scheduling_strategy')) === 'DAEMON') continue;
      if (module.written(block.body, 'scheduling_strategy') && stringValue(module.value(block.body, 'scheduling_strategy')) === undefined)
        continue;
      if (scaledServices.has(addressOf(block.labels)) && hasPolicy) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no scaling policy: it runs desired_count tasks whatever the traffic (no aws_appautoscaling_target with a policy names it).`,
        ),
      );
    }
    return findings;
  },
});

/** `tag { key = "k8s.io/cluster-autoscaler/enabled" … }`: the Kubernetes cluster autoscaler sets its capacity. */
function isClusterAutoscalerGroup(module: TerraformModule, block: HclBlock): boolean {
  return block.body.entries.some((entry) => {
    if (entry.key !== 'tag' && entry.key !== 'tags') return false;
    const keys =
      entry.value.kind === 'map' ? [stringValue(module.value(entry.value, 'key')), ...entry.value.entries.map((e) => e.key)] : [];
    return keys.some((key) => key?.includes('cluster-autoscaler'));
  });
}
