import type { TreeMap } from '../../../evidence/parsers/locatedTree';
import { entriesOf } from '../../../evidence/parsers/locatedTree';
import type { HclBlock } from '../../../evidence/parsers/hclTree';
import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import type { TerraformContext } from '../context';
import { nestedBlock, replaceValueFix } from '../edits';
import { numberValue } from '../values';

/**
 * tf/autoscaling-range: a group that serves traffic but cannot scale horizontally — an AWS Auto Scaling group
 * behind a load balancer whose `max_size` equals its `min_size` (it can never add an instance under load), or
 * whose `min_size` is 0 (scaling in can remove the last instance); a Google Cloud or Azure autoscaler whose
 * maximum equals its minimum. Groups no load balancer sends to (workers, a bastion kept alive at 1/1) and
 * groups switched off (`max_size = 0`) are not judged, nor dev and test folders.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/autoscaling-range',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_autoscaling_group',
        'google_compute_autoscaler',
        'google_compute_region_autoscaler',
        'azurerm_monitor_autoscale_setting',
      ],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction() || context.isExampleOrTest()) return findings;
    for (const { block } of context.resources('aws_autoscaling_group')) {
      if (!servesTraffic(context, block)) continue;
      const min = numberValue(module.value(block.body, 'min_size'));
      const max = numberValue(module.value(block.body, 'max_size'));
      if (min === undefined || max === undefined || max === 0) continue;
      if (max <= min) {
        findings.push(fixedSize(context, block, block.body, 'max_size', `min_size = max_size = ${max}`));
        continue;
      }
      if (min === 0) {
        const written = module.written(block.body, 'min_size');
        findings.push(
          context.finding(
            this.ruleId,
            context.valueRange(block, written),
            `${context.address(block)} serves traffic with min_size = 0: scaling in can remove its last instance.`,
            written && !module.variableOf(written)
              ? replaceValueFix(context, written, '1', 'Keep at least one instance (min_size = 1)')
              : undefined,
          ),
        );
      }
    }
    for (const { block } of context.resources('google_compute_autoscaler', 'google_compute_region_autoscaler')) {
      const policy = nestedBlock(block.body, 'autoscaling_policy');
      const min = numberValue(module.value(policy, 'min_replicas'));
      const max = numberValue(module.value(policy, 'max_replicas'));
      if (policy && min !== undefined && max !== undefined && max > 0 && max <= min)
        findings.push(fixedSize(context, block, policy, 'max_replicas', `min_replicas = max_replicas = ${max}`));
    }
    for (const { block } of context.resources('azurerm_monitor_autoscale_setting')) {
      for (const profile of entriesOf(block.body, 'profile')) {
        const capacity = nestedBlock(profile.value, 'capacity');
        const min = numberValue(module.value(capacity, 'minimum'));
        const max = numberValue(module.value(capacity, 'maximum'));
        if (capacity && min !== undefined && max !== undefined && max > 0 && max <= min)
          findings.push(fixedSize(context, block, capacity, 'maximum', `minimum = maximum = ${max}`));
      }
    }
    return findings;
  },
});

function fixedSize(context: TerraformContext, block: HclBlock, body: TreeMap, key: string, sizes: string): RawFinding {
  return context.finding(
    'tf/autoscaling-range',
    context.valueRange(block, context.module.written(body, key)),
    `${context.address(block)} cannot scale out (${sizes}): under load it keeps the same number of instances.`,
  );
}

/** A group a load balancer sends to: target groups or classic ELBs on it, or an attachment naming it. */
function servesTraffic(context: TerraformContext, block: HclBlock): boolean {
  const { module } = context;
  if (module.written(block.body, 'target_group_arns') || module.written(block.body, 'load_balancers')) return true;
  if (block.body.entries.some((entry) => entry.key === 'traffic_source')) return true;
  const reference = `aws_autoscaling_group.${block.labels[1] ?? ''}.`;
  return module.resourcesOf('aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment').some(({ block: attachment }) => {
    const name = module.written(attachment.body, 'autoscaling_group_name');
    return name?.kind === 'scalar' && typeof name.value === 'string' && name.value.includes(reference);
  });
}
