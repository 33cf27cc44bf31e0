import type { HclBlock } from '../../../evidence/parsers/hclTree';
import type { TreeValue } from '../../../evidence/parsers/locatedTree';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { nestedBlock } from '../edits';
import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { addressOf, namedAcrossWorkspace } from '../references';
import { stringValue } from '../values';

/**
 * tf/autoscaling-policy: at scale, capacity follows traffic — an `aws_autoscaling_group` that no
 * `aws_autoscaling_policy` (or scheduled action, or ECS capacity provider with managed scaling) of its module
 * scales, or an ECS service that no `aws_appautoscaling_target` with a policy scales, stays at its desired count
 * however the load moves. A policy anywhere in the workspace whose group is named by something other than a
 * resource of its module (a variable, a module output) may be the one: then nothing is reported. Groups a Kubernetes cluster autoscaler drives (its `k8s.io/cluster-autoscaler`
 * tags) are scaled from outside Terraform.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/autoscaling-policy',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_autoscaling_group', 'aws_ecs_service'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;

    const groups = namedAcrossWorkspace(
      context,
      ['aws_autoscaling_policy', 'aws_autoscaling_schedule', 'aws_ecs_capacity_provider'],
      (owner, block) =>
        block.labels[0] === 'aws_ecs_capacity_provider'
          ? [managedScalingGroup(owner, block)]
          : [owner.written(block.body, 'autoscaling_group_name')],
      ['aws_autoscaling_group'],
    );
    if (groups.known) {
      for (const { block } of context.resources('aws_autoscaling_group')) {
        if (groups.addresses.includes(addressOf(block.labels)) || isClusterAutoscalerGroup(module, block)) continue;
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} has no scaling policy: it runs its desired capacity whatever the traffic (no aws_autoscaling_policy names it).`,
          ),
        );
      }
    }

    const services = namedAcrossWorkspace(
      context,
      ['aws_appautoscaling_target'],
      (owner, block) =>
        // DynamoDB and other targets name no service; an unknown namespace may be ECS.
        ['ecs', undefined].includes(stringValue(owner.value(block.body, 'service_namespace')))
          ? [owner.written(block.body, 'resource_id')]
          : [],
      ['aws_ecs_service'],
    );
    const hasPolicy = module.resourcesOf('aws_appautoscaling_policy', 'aws_appautoscaling_scheduled_action').length > 0;
    if (!services.known) return findings;
    for (const { block } of context.resources('aws_ecs_service')) {
      // A daemon runs one task per instance: the instances scale, not the service.
      if (stringValue(module.value(block.body, 'scheduling_strategy')) === 'DAEMON') continue;
      if (module.written(block.body, 'scheduling_strategy') && stringValue(module.value(block.body, 'scheduling_strategy')) === undefined)
        continue;
      if (services.addresses.includes(addressOf(block.labels)) && hasPolicy) continue;
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

/**
 * The group an ECS capacity provider scales (`auto_scaling_group_provider.auto_scaling_group_arn`), unless its
 * `managed_scaling` status is written DISABLED: ECS then sets the group's capacity from the tasks it places.
 */
function managedScalingGroup(module: TerraformModule, block: HclBlock): TreeValue | undefined {
  const provider = nestedBlock(block.body, 'auto_scaling_group_provider');
  const managed = nestedBlock(provider, 'managed_scaling');
  if (managed && stringValue(module.value(managed, 'status')) === 'DISABLED') return undefined;
  return module.written(provider, 'auto_scaling_group_arn');
}

/** `tag { key = "k8s.io/cluster-autoscaler/enabled" … }`: the Kubernetes cluster autoscaler sets its capacity. */
function isClusterAutoscalerGroup(module: TerraformModule, block: HclBlock): boolean {
  return block.body.entries.some((entry) => {
    if (entry.key !== 'tag' && entry.key !== 'tags') return false;
    const keys =
      entry.value.kind === 'map' ? [stringValue(module.value(entry.value, 'key')), ...entry.value.entries.map((e) => e.key)] : [];
    return keys.some((key) => key?.includes('cluster-autoscaler'));
  });
}
