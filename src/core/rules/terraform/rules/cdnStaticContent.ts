import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock } from '../edits';
import { addressOf, referencesOf } from '../references';
import { setAttributeFix } from '../edits';
import { azureStaticWebsitesWithoutCdn, googleBucketsWithoutCdn } from '../otherCloudCdn';
import { isPublicApplicationLoadBalancer, remoteModuleMentions, workspaceResources } from '../workspaceResources';

/** Providers of other CDNs: a workspace using one may serve its content through it. */
const OTHER_CDN_PREFIXES = ['cloudflare_', 'fastly_', 'akamai_', 'azurerm_cdn_', 'azurerm_frontdoor_', 'google_compute_backend_bucket'];

/**
 * tf/cdn-static-content: at scale static content is served through a CDN. Two shapes say it is not:
 * an S3 website bucket (`aws_s3_bucket_website_configuration`, or a `website` block) that no CloudFront
 * distribution of the workspace has as an origin — every request for a page or an image reaches the bucket over
 * plain HTTP —, and a public application load balancer in a workspace with no CDN at all (no distribution, no
 * other CDN's resources), where every static asset is served by the instances. A distribution whose origins are
 * not resources of its own module (a variable, a module output), or a CDN module from a registry, may front
 * either: then nothing is reported. Dev and test folders are not asked. On Google Cloud, a backend bucket (static
 * files behind an external load balancer) without `enable_cdn = true` (quick fix); on Azure, a storage account's
 * static website in a workspace with no CDN or Front Door (otherCloudCdn.ts).
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cdn-static-content',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_s3_bucket_website_configuration',
        'aws_lb',
        'aws_alb',
        'aws_cloudfront_distribution',
        'google_compute_backend_bucket',
        'azurerm_storage_account_static_website',
      ],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction()) return findings;

    for (const block of googleBucketsWithoutCdn(context))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} serves static files through the load balancer without Cloud CDN (enable_cdn is not true): every request reaches the bucket.`,
          setAttributeFix(context, block.body, 'enable_cdn', 'true', 'Serve the bucket through Cloud CDN (enable_cdn = true)'),
        ),
      );
    for (const block of azureStaticWebsitesWithoutCdn(context))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} serves a static website and the workspace has no CDN or Front Door: every request reaches the storage account, in one region.`,
        ),
      );

    const distributions = workspaceResources(context, 'aws_cloudfront_distribution');
    const otherCdn =
      remoteModuleMentions(context, 'cloudfront', 'cdn') ||
      context
        .acrossWorkspace('other-cdn', (owner) =>
          owner.resources.some(({ block }) => OTHER_CDN_PREFIXES.some((prefix) => (block.labels[0] ?? '').startsWith(prefix))),
        )
        .some(({ value }) => value);
    // A distribution's origins name resources of its own module; one named otherwise may be any bucket.
    const fronted = new Set<string>();
    let originsKnown = !otherCdn;
    for (const { block, module: owner } of distributions) {
      if (hasDynamicBlock(block.body, 'origin')) originsKnown = false;
      for (const entry of block.body.entries) {
        if (entry.key !== 'origin' || entry.value.kind !== 'map') continue;
        const references = referencesOf(owner.written(entry.value, 'domain_name'));
        if (owner === module) references.addresses.forEach((address) => fronted.add(address));
        originsKnown &&= references.known;
      }
    }

    if (originsKnown) {
      for (const { block } of context.resources('aws_s3_bucket_website_configuration', 'aws_s3_bucket')) {
        const isConfiguration = block.labels[0] === 'aws_s3_bucket_website_configuration';
        if (!isConfiguration && !module.written(block.body, 'website')) continue;
        const bucket = isConfiguration ? referencesOf(module.written(block.body, 'bucket'), ['aws_s3_bucket']).addresses : [];
        if ([addressOf(block.labels), ...bucket].some((address) => fronted.has(address))) continue;
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} serves a website straight from S3: no CloudFront distribution has it as an origin, so every request reaches the bucket (over HTTP, from one region).`,
          ),
        );
      }
    }

    if (distributions.length > 0 || otherCdn) return findings;
    for (const { block } of context.resources('aws_lb', 'aws_alb')) {
      if (!isPublicApplicationLoadBalancer(module, block)) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} faces the internet and the workspace has no CDN: static assets and cacheable responses are all served by the instances behind it.`,
        ),
      );
    }
    return findings;
  },
});
