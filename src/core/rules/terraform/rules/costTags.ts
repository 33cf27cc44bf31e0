import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock } from '../edits';

/** Resources that show on the bill: the ones a cost report is split by. */
const COST_BEARING = [
  'aws_instance',
  'aws_autoscaling_group',
  'aws_launch_template',
  'aws_ebs_volume',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_elasticache_cluster',
  'aws_elasticache_replication_group',
  'aws_dynamodb_table',
  'aws_s3_bucket',
  'aws_efs_file_system',
  'aws_lb',
  'aws_alb',
  'aws_nat_gateway',
  'aws_ecs_service',
  'aws_eks_cluster',
  'aws_eks_node_group',
  'aws_lambda_function',
  'aws_opensearch_domain',
  'aws_msk_cluster',
  'aws_cloudfront_distribution',
  'aws_kinesis_stream',
];

/**
 * tf/cost-tags: a production AWS root module whose bill cannot be split — its `provider "aws"` has no
 * `default_tags`, and resources that cost money (in the module or the local modules it calls) carry no `tags`
 * (an Auto Scaling group: no `tag` block). Reported once, on the provider block; the precise variant of
 * "tag everything": a module that tags each resource itself is not asked for default_tags.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cost-tags',
  anchors: (context) => blockAnchors(context, { blocks: ['provider'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction() || context.isExampleOrTest()) return findings;
    const providers = module.providers.filter(({ block }) => block.labels[0] === 'aws');
    const first = context.mainProvider('aws');
    if (first?.file !== context.file) return findings;
    if (providers.some(({ block }) => nestedBlock(block.body, 'default_tags') || hasDynamicBlock(block.body, 'default_tags')))
      return findings;
    const called = module.moduleCalls.flatMap(({ block }) => {
      const folder = module.localSourceFolder(block);
      return context.workspaceModules().filter((candidate) => candidate.folder === folder && candidate !== module);
    });
    const untagged = [module, ...called].flatMap(untaggedResources);
    if (untagged.length === 0) return findings;
    const named = untagged.slice(0, 3).join(', ') + (untagged.length > 3 ? `, and ${untagged.length - 3} more` : '');
    findings.push(
      context.finding(
        this.ruleId,
        context.headerRange(first.block),
        `provider "aws" has no default_tags and ${named} carry no tags: the bill cannot be split by service or environment.`,
      ),
    );
    return findings;
  },
});

/** `tags`, an Auto Scaling group's `tag` blocks, a launch template's `tag_specifications` (its instances' tags); `dynamic` ones are unknown. */
const TAGGING_KEYS = new Set(['tags', 'tag', 'tag_specifications', 'dynamic']);

function untaggedResources(module: TerraformModule): string[] {
  return module
    .resourcesOf(...COST_BEARING)
    .filter(({ block }) => !block.body.entries.some((entry) => TAGGING_KEYS.has(entry.key)))
    .map(({ block }) => block.labels.join('.'));
}
