import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock } from '../edits';
import { addressOf, namedAcrossWorkspace } from '../references';
import { stringValue } from '../values';

/** Proxy-only and load balancer subnetworks cannot log flows (Google rejects log_config on them). */
const NO_FLOW_LOG_PURPOSES = new Set([
  'INTERNAL_HTTPS_LOAD_BALANCER',
  'REGIONAL_MANAGED_PROXY',
  'GLOBAL_MANAGED_PROXY',
  'PRIVATE_SERVICE_CONNECT',
]);

/**
 * tf/vpc-flow-logs: zero trust treats the network as hostile, so who talked to whom is recorded — an `aws_vpc`
 * that no `aws_flow_log` of its module names, a GCP subnetwork without `log_config`, an Azure virtual network
 * that no `azurerm_network_watcher_flow_log` targets. Without them an intrusion's lateral moves and exfiltration
 * leave no trace to investigate. A flow log naming its network through a variable or another module's output
 * may be this one's: then nothing is reported. Dev and test folders are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/vpc-flow-logs',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_vpc', 'google_compute_subnetwork', 'azurerm_virtual_network'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;
    const report = (block: Parameters<typeof context.headerRange>[0], message: string) =>
      findings.push(context.finding(this.ruleId, context.headerRange(block), message));

    // A subnet's or an interface's flow log covers part of a VPC only.
    const logged = namedAcrossWorkspace(context, ['aws_flow_log'], (owner, block) => [owner.written(block.body, 'vpc_id')], ['aws_vpc']);
    if (logged.known)
      for (const { block } of context.resources('aws_vpc')) {
        if (!logged.addresses.includes(addressOf(block.labels)))
          report(
            block,
            `${context.address(block)} records no flow logs (no aws_flow_log names it): connections in and out leave no trace.`,
          );
      }

    for (const { block } of context.resources('google_compute_subnetwork')) {
      if (module.written(block.body, 'log_config') || hasDynamicBlock(block.body, 'log_config')) continue;
      const purpose = module.written(block.body, 'purpose') ? stringValue(module.value(block.body, 'purpose')) : 'PRIVATE';
      if (purpose === undefined || NO_FLOW_LOG_PURPOSES.has(purpose)) continue; // unknown, or cannot log
      report(block, `${context.address(block)} records no flow logs (no log_config block): connections in and out leave no trace.`);
    }

    // An NSG flow log (the retired form, `network_security_group_id`) covers one security group's traffic: it may
    // be this network's, so it counts as unknown.
    const targets = namedAcrossWorkspace(
      context,
      ['azurerm_network_watcher_flow_log'],
      (owner, block) => [owner.written(block.body, 'target_resource_id') ?? owner.written(block.body, 'network_security_group_id')],
      ['azurerm_virtual_network'],
    );
    if (targets.known)
      for (const { block } of context.resources('azurerm_virtual_network')) {
        if (!targets.addresses.includes(addressOf(block.labels)))
          report(
            block,
            `${context.address(block)} records no flow logs (no azurerm_network_watcher_flow_log targets it): connections in and out leave no trace.`,
          );
      }
    return findings;
  },
});
