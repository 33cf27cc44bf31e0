import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock } from '../edits';
import { switchedOff, switchOnFix } from '../switchedOff';
import { stringValue } from '../values';

/**
 * tf/lb-health-check: a load balancer that cannot tell a broken instance from a working one — an HTTP(S)
 * target group whose health check is switched off, or left to the default (GET / expecting 200, which a
 * static page answers while the app behind it is down); an Azure load-balancing rule without a probe.
 * Lambda target groups (no health check by default) and TCP target groups (a connect check) are not judged.
 * Google Cloud is not judged here: its API refuses a backend service without health checks, except for
 * serverless and internet backends, which have none.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/lb-health-check',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group', 'azurerm_lb_rule'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    for (const { block } of context.resources('aws_lb_target_group', 'aws_alb_target_group')) {
      const targetType = module.written(block.body, 'target_type') ? stringValue(module.value(block.body, 'target_type')) : 'instance';
      if (targetType !== 'instance' && targetType !== 'ip') continue; // lambda, alb, or unknown
      const protocol = stringValue(module.value(block.body, 'protocol'));
      if (protocol !== 'HTTP' && protocol !== 'HTTPS') continue;
      if (hasDynamicBlock(block.body, 'health_check')) continue;
      const check = nestedBlock(block.body, 'health_check');
      if (!check) {
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} has no health_check: the default GET / expecting 200 passes while the app behind a static page is broken.`,
          ),
        );
        continue;
      }
      const off = switchedOff(module, check, 'enabled', true);
      if (!off) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, off.written),
          `${context.address(block)} has its health check switched off: traffic keeps going to targets that stopped answering.`,
          switchOnFix(context, check, off, 'enabled', 'Switch the health check on'),
        ),
      );
    }
    for (const { block } of context.resources('azurerm_lb_rule')) {
      if (module.written(block.body, 'probe_id')) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no probe_id: the load balancer cannot take an instance that stopped answering out of rotation.`,
        ),
      );
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
