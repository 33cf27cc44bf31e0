import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TerraformContext } from './context';
import { boolValue } from './values';
import { remoteModuleMentions } from './workspaceResources';

/**
 * tf/cdn-static-content on Google Cloud and Azure, where the signal is precise: content that is static by
 * construction and served to the internet. Backend services (an application, maybe an API) are not judged.
 */

/** Third-party CDNs: a workspace using one may put it in front of any origin. */
const THIRD_PARTY_CDN_PREFIXES = ['cloudflare_', 'fastly_', 'akamai_'];

function thirdPartyCdn(context: TerraformContext): boolean {
  return context
    .acrossWorkspace('third-party-cdn', (owner) =>
      owner.resources.some(({ block }) => THIRD_PARTY_CDN_PREFIXES.some((prefix) => (block.labels[0] ?? '').startsWith(prefix))),
    )
    .some(({ value }) => value);
}

/**
 * A `google_compute_backend_bucket` (a Cloud Storage bucket behind an external application load balancer: static
 * files by construction) whose `enable_cdn` is absent or literally false. Unknown values and third-party CDNs are
 * left silent.
 */
export function googleBucketsWithoutCdn(context: TerraformContext): HclBlock[] {
  const { module } = context;
  const buckets = context.resources('google_compute_backend_bucket');
  if (buckets.length === 0 || thirdPartyCdn(context)) return [];
  return buckets
    .map(({ block }) => block)
    .filter((block) => !module.written(block.body, 'enable_cdn') || boolValue(module.value(block.body, 'enable_cdn')) === false);
}

/** Azure CDNs: classic CDN profiles and endpoints, Front Door (classic and Standard/Premium). */
const AZURE_CDN_PREFIXES = ['azurerm_cdn_', 'azurerm_frontdoor'];

/**
 * An Azure storage account serving a static website (a `static_website` block, or an
 * `azurerm_storage_account_static_website`) in a workspace with no CDN at all: no Azure CDN or Front Door
 * resource, no third-party CDN, no registry module about a CDN or Front Door.
 */
export function azureStaticWebsitesWithoutCdn(context: TerraformContext): HclBlock[] {
  const sites = [
    ...context
      .resources('azurerm_storage_account')
      .filter(({ block }) => block.body.entries.some((entry) => entry.key === 'static_website')),
    ...context.resources('azurerm_storage_account_static_website'),
  ];
  if (sites.length === 0 || thirdPartyCdn(context) || remoteModuleMentions(context, 'cdn', 'frontdoor', 'front-door')) return [];
  const azureCdn = context
    .acrossWorkspace('azure-cdn', (owner) =>
      owner.resources.some(({ block }) => AZURE_CDN_PREFIXES.some((prefix) => (block.labels[0] ?? '').startsWith(prefix))),
    )
    .some(({ value }) => value);
  return azureCdn ? [] : sites.map(({ block }) => block);
}
