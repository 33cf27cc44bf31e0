import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TerraformModule } from '../../format/terraform/terraformModule';
import type { TerraformContext } from './context';
import { hasDynamicBlock } from './edits';
import { namedAcrossWorkspace } from './references';
import { stringValue } from './values';
import { workspaceResources } from './workspaceResources';

/**
 * tf/waf-public-endpoint on Google Cloud and Azure: the public entry points without a web application firewall.
 * Each returns the blocks of this file to report and why; anything unknown (a scheme from a variable, a security
 * policy attached through a module output) is left silent.
 */

/**
 * A `google_compute_backend_service` of an external load balancer (its `load_balancing_scheme` absent, which is
 * EXTERNAL, or EXTERNAL / EXTERNAL_MANAGED) without `security_policy` (nor an `edge_security_policy`, Cloud Armor at
 * the CDN's edge): no Cloud Armor policy filters its traffic.
 */
export function googleBackendsWithoutArmor(context: TerraformContext): HclBlock[] {
  const { module } = context;
  return context
    .resources('google_compute_backend_service')
    .map(({ block }) => block)
    .filter((block) => {
      if (module.written(block.body, 'security_policy') || module.written(block.body, 'edge_security_policy')) return false;
      if (!module.written(block.body, 'load_balancing_scheme')) return true;
      const scheme = stringValue(module.value(block.body, 'load_balancing_scheme'));
      return scheme === 'EXTERNAL' || scheme === 'EXTERNAL_MANAGED';
    });
}

/**
 * An `azurerm_application_gateway` with a public frontend (a `frontend_ip_configuration` with a
 * `public_ip_address_id`) and no WAF: no `waf_configuration` block and no `firewall_policy_id`.
 */
export function azureGatewaysWithoutWaf(context: TerraformContext): HclBlock[] {
  const { module } = context;
  return context
    .resources('azurerm_application_gateway')
    .map(({ block }) => block)
    .filter((block) => {
      if (module.written(block.body, 'firewall_policy_id') || module.written(block.body, 'waf_configuration')) return false;
      if (hasDynamicBlock(block.body, 'waf_configuration') || hasDynamicBlock(block.body, 'frontend_ip_configuration')) return false;
      return hasPublicFrontend(module, block);
    });
}

function hasPublicFrontend(module: TerraformModule, block: HclBlock): boolean {
  return block.body.entries.some(
    (entry) =>
      entry.key === 'frontend_ip_configuration' && entry.value.kind === 'map' && module.written(entry.value, 'public_ip_address_id'),
  );
}

/**
 * An `azurerm_cdn_frontdoor_profile` (Front Door Standard or Premium) that no `azurerm_cdn_frontdoor_security_policy`
 * of the workspace attaches a firewall policy to: its endpoints pass every request to the origins.
 */
export function azureFrontDoorsWithoutPolicy(context: TerraformContext): HclBlock[] {
  const profiles = context.resources('azurerm_cdn_frontdoor_profile');
  if (profiles.length === 0) return [];
  // A security policy in another module names the profile through a variable: which one is unknown.
  if (workspaceResources(context, 'azurerm_cdn_frontdoor_security_policy').some((entry) => entry.module !== context.module)) return [];
  const named = namedAcrossWorkspace(
    context,
    ['azurerm_cdn_frontdoor_security_policy'],
    (owner, block) => [owner.written(block.body, 'cdn_frontdoor_profile_id')],
    ['azurerm_cdn_frontdoor_profile'],
  );
  if (!named.known) return [];
  return profiles.map(({ block }) => block).filter((block) => !named.addresses.includes(`${block.labels[0]}.${block.labels[1]}`));
}
