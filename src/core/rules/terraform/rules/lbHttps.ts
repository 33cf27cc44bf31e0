import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, replaceValueFix, setAttributeFix } from '../edits';
import { stringValue } from '../values';
import { entriesOf } from '../../../evidence/parsers/locatedTree';
import { blockAnchors } from '../anchorPlaces';
import { isOutdatedElbPolicy, MODERN_SSL_POLICY } from '../tlsPolicies';

/**
 * tf/lb-https: a load balancer listener that serves plain HTTP without redirecting to HTTPS, or HTTPS with a
 * policy that still accepts TLS 1.0/1.1 (or no policy: the 2016 default, which does). Production traffic
 * carries sessions and personal data.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/lb-https',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_lb_listener', 'aws_alb_listener'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    for (const { block } of context.resources('aws_lb_listener', 'aws_alb_listener')) {
      const written = module.written(block.body, 'protocol');
      const protocol = written ? stringValue(module.value(block.body, 'protocol')) : undefined;
      if (protocol === 'HTTP') {
        const redirects = entriesOf(block.body, 'default_action').some(
          (action) => stringValue(module.value(action.value, 'type')) === 'redirect',
        );
        if (!redirects && !hasDynamicBlock(block.body, 'default_action'))
          findings.push(
            context.finding(
              this.ruleId,
              context.valueRange(block, written),
              `${context.address(block)} serves plain HTTP and does not redirect to HTTPS.`,
            ),
          );
      }
      if (protocol === 'HTTPS') {
        const policyWritten = module.written(block.body, 'ssl_policy');
        const policy = policyWritten ? stringValue(module.value(block.body, 'ssl_policy')) : 'ELBSecurityPolicy-2016-08';
        if (policy === undefined || !isOutdatedElbPolicy(policy)) continue;
        const fix = policyWritten
          ? module.variableOf(policyWritten)
            ? undefined
            : replaceValueFix(context, policyWritten, `"${MODERN_SSL_POLICY}"`, `Use ${MODERN_SSL_POLICY}`)
          : setAttributeFix(context, block.body, 'ssl_policy', `"${MODERN_SSL_POLICY}"`, `Use ${MODERN_SSL_POLICY}`);
        findings.push(
          context.finding(
            this.ruleId,
            context.valueRange(block, policyWritten ?? written),
            `${context.address(block)} accepts TLS 1.0/1.1 (ssl_policy ${policyWritten ? policy : 'not set: ELBSecurityPolicy-2016-08'}).`,
            fix,
          ),
        );
      }
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
