import type { TreeValue } from '../../../evidence/parsers/locatedTree';
import { defineRule } from '../../engine/ruleModule';
import { registryInputFindings } from '../registryModules';
import type { RawFinding } from '../../types';
import { replaceValueFix } from '../edits';
import { boolValue, stringItems, stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);
const BLOCK_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/**
 * tf/public-bucket: a storage bucket anyone on the internet can read or write — an S3 canned ACL, an S3 public
 * access block switched off, a GCS IAM grant to allUsers, an Azure container with anonymous access. A module
 * that configures a static website bucket (aws_s3_bucket_website_configuration) made it public on purpose.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/public-bucket',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_s3_bucket',
        'aws_s3_bucket_acl',
        'aws_s3_bucket_public_access_block',
        'google_storage_bucket_iam_member',
        'google_storage_bucket_iam_binding',
        'azurerm_storage_container',
        'azurerm_storage_account',
      ],
    }),
  detect(context) {
    const { module } = context;
    if (module.resourcesOf('aws_s3_bucket_website_configuration').length > 0) return [];
    const findings: RawFinding[] = [];
    const report = (value: TreeValue | undefined, message: string, safe?: string) => {
      if (!value) return;
      const fix = safe ? replaceValueFix(context, value, safe, `Set it to ${safe}`) : undefined;
      findings.push(context.finding(this.ruleId, context.range(value.start, value.end), message, fix));
    };
    for (const { block } of context.resources('aws_s3_bucket', 'aws_s3_bucket_acl')) {
      const acl = stringValue(module.value(block.body, 'acl'));
      if (acl && PUBLIC_ACLS.has(acl))
        report(
          module.written(block.body, 'acl'),
          `${context.address(block)} grants the ${acl} canned ACL: anyone can read the bucket.`,
          '"private"',
        );
    }
    for (const { block } of context.resources('aws_s3_bucket_public_access_block')) {
      for (const key of BLOCK_SETTINGS) {
        if (boolValue(module.value(block.body, key)) === false)
          report(module.written(block.body, key), `${context.address(block)} turns ${key} off: the bucket can be made public.`, 'true');
      }
    }
    for (const { block } of context.resources('google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding')) {
      const key = block.labels[0] === 'google_storage_bucket_iam_member' ? 'member' : 'members';
      const { items } = stringItems(module.value(block.body, key));
      const member = items.find((item) => PUBLIC_MEMBERS.has(item));
      if (member) report(module.written(block.body, key), `${context.address(block)} grants ${member} access to the bucket.`);
    }
    for (const { block } of context.resources('azurerm_storage_container')) {
      const access = stringValue(module.value(block.body, 'container_access_type'));
      if (access === 'blob' || access === 'container')
        report(
          module.written(block.body, 'container_access_type'),
          `${context.address(block)} allows anonymous ${access} reads.`,
          '"private"',
        );
    }
    for (const { block } of context.resources('azurerm_storage_account')) {
      for (const key of ['allow_nested_items_to_be_public', 'allow_blob_public_access']) {
        if (boolValue(module.value(block.body, key)) === true)
          report(module.written(block.body, key), `${context.address(block)} lets its containers be public (${key}).`, 'false');
      }
    }
    findings.push(...registryInputFindings(context, this.ruleId));
    return findings;
  },
});
