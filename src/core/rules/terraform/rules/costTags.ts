import type { HclBlock } from '../../../evidence/parsers/hclTree';
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

/** Google Cloud resources that show on the bill, and where each carries its labels (a Cloud SQL instance: in `settings`). */
const GOOGLE_LABELS: Readonly<Record<string, readonly string[]>> = {
  google_compute_instance: ['labels'],
  google_compute_instance_template: ['labels'],
  google_compute_region_instance_template: ['labels'],
  google_compute_disk: ['labels'],
  google_storage_bucket: ['labels'],
  google_sql_database_instance: ['settings', 'user_labels'],
  google_container_cluster: ['resource_labels'],
  google_redis_instance: ['labels'],
  google_cloud_run_v2_service: ['labels'],
  google_cloudfunctions2_function: ['labels'],
  google_bigquery_dataset: ['labels'],
  google_alloydb_cluster: ['labels'],
};

/** Azure resources that show on the bill. */
const AZURE_COST_BEARING = [
  'azurerm_linux_virtual_machine',
  'azurerm_windows_virtual_machine',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_managed_disk',
  'azurerm_kubernetes_cluster',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
  'azurerm_mssql_database',
  'azurerm_cosmosdb_account',
  'azurerm_redis_cache',
  'azurerm_storage_account',
  'azurerm_service_plan',
  'azurerm_container_app_environment',
  'azurerm_lb',
  'azurerm_application_gateway',
  'azurerm_nat_gateway',
  'azurerm_cdn_frontdoor_profile',
];

/**
 * tf/cost-tags: a production root module whose bill cannot be split, reported once on its main provider block; the
 * precise variant of "tag everything": a module that tags each resource itself is not asked for provider defaults.
 * - AWS: `provider "aws"` has no `default_tags`, and resources that cost money (in the module or the local modules
 *   it calls) carry no `tags` (an Auto Scaling group: no `tag` block).
 * - Google Cloud: `provider "google"` has no `default_labels`, and billable resources carry no `labels` (a Cloud SQL
 *   instance: no `settings.user_labels`; a GKE cluster: no `resource_labels`).
 * - Azure: azurerm has no provider-wide tags, so billable resources without `tags` are reported — unless a
 *   resource group of the workspace is tagged (Cost Management's tag inheritance, or an Azure Policy, may then
 *   copy its tags onto the usage: unknown here).
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cost-tags',
  anchors: (context) => blockAnchors(context, { blocks: ['provider'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction() || context.isExampleOrTest()) return findings;
    const scope = () => [
      module,
      ...module.moduleCalls.flatMap(({ block }) => {
        const folder = module.localSourceFolder(block);
        return context.workspaceModules().filter((candidate) => candidate.folder === folder && candidate !== module);
      }),
    ];
    for (const cloud of CLOUDS) {
      const first = context.mainProvider(cloud.provider);
      if (first?.file !== context.file) continue;
      const providers = module.providers.filter(({ block }) => block.labels[0] === cloud.provider);
      if (providers.some(({ block }) => cloud.hasDefaults(block.body))) continue;
      if (cloud.satisfiedElsewhere?.(context.workspaceModules())) continue;
      const untagged = scope().flatMap(cloud.unlabelled);
      if (untagged.length === 0) continue;
      const named = untagged.slice(0, 3).join(', ') + (untagged.length > 3 ? `, and ${untagged.length - 3} more` : '');
      findings.push(context.finding(this.ruleId, context.headerRange(first.block), cloud.message(named)));
    }
    return findings;
  },
});

interface Cloud {
  provider: string;
  hasDefaults(body: HclBlock['body']): boolean;
  satisfiedElsewhere?(modules: readonly TerraformModule[]): boolean;
  unlabelled(module: TerraformModule): string[];
  message(named: string): string;
}

const CLOUDS: readonly Cloud[] = [
  {
    provider: 'aws',
    hasDefaults: (body) => Boolean(nestedBlock(body, 'default_tags')) || hasDynamicBlock(body, 'default_tags'),
    unlabelled: untaggedResources,
    message: (named) =>
      `provider "aws" has no default_tags and ${named} carry no tags: the bill cannot be split by service or environment.`,
  },
  {
    provider: 'google',
    hasDefaults: (body) => body.entries.some((entry) => entry.key === 'default_labels'),
    unlabelled: (module) =>
      module
        .resourcesOf(...Object.keys(GOOGLE_LABELS))
        .filter(({ block }) => {
          const path = GOOGLE_LABELS[block.labels[0] ?? ''];
          return !block.body.entries.some((entry) => entry.key === 'dynamic') && !module.written(block.body, ...path);
        })
        .map(({ block }) => block.labels.join('.')),
    message: (named) =>
      `provider "google" has no default_labels and ${named} carry no labels: the billing export cannot be split by service or environment.`,
  },
  {
    provider: 'azurerm',
    hasDefaults: () => false,
    satisfiedElsewhere: (modules) =>
      modules.some((module) =>
        module.resourcesOf('azurerm_resource_group').some(({ block }) => block.body.entries.some((entry) => entry.key === 'tags')),
      ),
    unlabelled: (module) =>
      module
        .resourcesOf(...AZURE_COST_BEARING)
        .filter(({ block }) => !block.body.entries.some((entry) => entry.key === 'tags' || entry.key === 'dynamic'))
        .map(({ block }) => block.labels.join('.')),
    message: (named) =>
      `${named} carry no tags, nor does any resource group (azurerm has no provider-wide tags): Cost Management cannot split the bill by service or environment.`,
  },
];

/** `tags`, an Auto Scaling group's `tag` blocks, a launch template's `tag_specifications` (its instances' tags); `dynamic` ones are unknown. */
const TAGGING_KEYS = new Set(['tags', 'tag', 'tag_specifications', 'dynamic']);

function untaggedResources(module: TerraformModule): string[] {
  return module
    .resourcesOf(...COST_BEARING)
    .filter(({ block }) => !block.body.entries.some((entry) => TAGGING_KEYS.has(entry.key)))
    .map(({ block }) => block.labels.join('.'));
}
