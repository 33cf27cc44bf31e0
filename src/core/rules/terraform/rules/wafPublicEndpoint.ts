import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock } from '../edits';
import { addressOf, namedAcrossWorkspace, referencesOf } from '../references';
import { isPublicApplicationLoadBalancer, remoteModuleMentions } from '../workspaceResources';
import { azureFrontDoorsWithoutPolicy, azureGatewaysWithoutWaf, googleBackendsWithoutArmor } from '../otherCloudWaf';

/**
 * tf/waf-public-endpoint: at scale the matrix asks for DDoS protection at the edge — a public application load
 * balancer that no `aws_wafv2_web_acl_association` of the workspace protects (nor a CloudFront distribution with a
 * web ACL in front of it), or a CloudFront distribution without `web_acl_id`, takes floods, scanners and
 * injection attempts straight to the application. An association naming its target through a variable or a
 * module output, or a WAF module from a registry, may protect it: then nothing is reported. Dev and test folders
 * are not asked. On Google Cloud, an external load balancer's backend service without a Cloud Armor
 * `security_policy`; on Azure, a public application gateway without a WAF and a Front Door profile without a
 * security policy (otherCloudWaf.ts).
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/waf-public-endpoint',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_lb',
        'aws_alb',
        'aws_cloudfront_distribution',
        'google_compute_backend_service',
        'azurerm_application_gateway',
        'azurerm_cdn_frontdoor_profile',
      ],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction() || remoteModuleMentions(context, 'waf')) return findings;

    for (const block of googleBackendsWithoutArmor(context))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} serves an external load balancer with no Cloud Armor policy (security_policy): floods and scanners reach its backends unfiltered.`,
        ),
      );
    for (const block of azureGatewaysWithoutWaf(context))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has a public frontend and no WAF (no waf_configuration or firewall_policy_id): floods and injection scans reach the application.`,
        ),
      );
    for (const block of azureFrontDoorsWithoutPolicy(context))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no security policy (no azurerm_cdn_frontdoor_security_policy attaches a WAF policy): every request reaches the origins.`,
        ),
      );

    for (const { block } of context.resources('aws_cloudfront_distribution')) {
      if (module.written(block.body, 'web_acl_id')) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no web ACL (web_acl_id): floods and scanners reach its origins unfiltered.`,
        ),
      );
    }

    const associated = namedAcrossWorkspace(
      context,
      ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'],
      (owner, block) => [owner.written(block.body, 'resource_arn')],
      ['aws_lb', 'aws_alb'],
    );
    const protectedAddresses = new Set(associated.addresses);
    let known = associated.known;
    // A distribution with a web ACL filters what reaches the load balancers it has as origins.
    for (const { block } of module.resourcesOf('aws_cloudfront_distribution')) {
      if (!module.written(block.body, 'web_acl_id')) continue;
      if (hasDynamicBlock(block.body, 'origin')) known = false;
      for (const entry of block.body.entries) {
        if (entry.key !== 'origin' || entry.value.kind !== 'map') continue;
        referencesOf(module.written(entry.value, 'domain_name'), ['aws_lb', 'aws_alb']).addresses.forEach((address) =>
          protectedAddresses.add(address),
        );
      }
    }
    if (!known) return findings;
    for (const { block } of context.resources('aws_lb', 'aws_alb')) {
      if (!isPublicApplicationLoadBalancer(module, block) || protectedAddresses.has(addressOf(block.labels))) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} faces the internet with no web ACL (no aws_wafv2_web_acl_association names it): floods and scanners reach the application.`,
        ),
      );
    }
    return findings;
  },
});
