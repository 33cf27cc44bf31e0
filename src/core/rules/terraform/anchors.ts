import type { RuleModule } from '../engine/ruleModule';
import type { HoverAnchor } from '../types';
import type { TerraformContext } from './context';

/**
 * What each rule reads, for the hovers: the resource types (and top-level blocks other than resources) whose
 * header explains "what this stage asks of an aws_db_instance", even when nothing is wrong. Concerns match the
 * rules' own (data/rules/terraform.yml; a unit test checks it, and that every rule has a row).
 */
export const TERRAFORM_ANCHOR_TABLE: Readonly<
  Record<string, { concern: string; resourceTypes: readonly string[]; blocks?: readonly string[] }>
> = {
  'tf/autoscaling-range': {
    concern: 'scalability',
    resourceTypes: [
      'aws_autoscaling_group',
      'google_compute_autoscaler',
      'google_compute_region_autoscaler',
      'azurerm_monitor_autoscale_setting',
    ],
  },
  'tf/budget-alerts': {
    concern: 'cost-efficiency',
    resourceTypes: [
      'aws_budgets_budget',
      'google_billing_budget',
      'azurerm_consumption_budget_subscription',
      'azurerm_consumption_budget_resource_group',
      'azurerm_consumption_budget_management_group',
    ],
    blocks: ['provider'],
  },
  'tf/cloudwatch-alarms': { concern: 'monitoring-logging', resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'aws_lb', 'aws_alb'] },
  'tf/cost-tags': { concern: 'cost-efficiency', resourceTypes: [], blocks: ['provider'] },
  'tf/db-backups': { concern: 'database', resourceTypes: ['aws_db_instance', 'google_sql_database_instance'] },
  'tf/db-cross-region-backup': {
    concern: 'fault-tolerance',
    resourceTypes: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server', 'aws_db_instance'],
  },
  'tf/db-deletion-protection': {
    concern: 'fault-tolerance',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'google_sql_database_instance'],
  },
  'tf/db-encrypted': { concern: 'security', resourceTypes: ['aws_db_instance', 'aws_rds_cluster'] },
  'tf/db-final-snapshot': { concern: 'database', resourceTypes: ['aws_db_instance', 'aws_rds_cluster'] },
  'tf/db-high-availability': {
    concern: 'fault-tolerance',
    resourceTypes: ['aws_db_instance', 'google_sql_database_instance', 'azurerm_postgresql_flexible_server'],
  },
  'tf/ebs-encrypted': { concern: 'security', resourceTypes: ['aws_ebs_volume', 'aws_instance'] },
  'tf/iam-wildcard-admin': {
    concern: 'security',
    resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_policy_document'],
  },
  'tf/lb-health-check': { concern: 'scalability', resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group', 'azurerm_lb_rule'] },
  'tf/lb-https': { concern: 'security', resourceTypes: ['aws_lb_listener', 'aws_alb_listener'] },
  'tf/literal-secret': {
    concern: 'security',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'azurerm_postgresql_flexible_server', 'google_sql_user'],
    blocks: ['variable', 'provider'],
  },
  'tf/log-retention': { concern: 'cost-efficiency', resourceTypes: ['aws_cloudwatch_log_group'] },
  'tf/module-source-pinned': { concern: 'tech-stack', resourceTypes: [], blocks: ['module'] },
  'tf/open-admin-port': {
    concern: 'security',
    resourceTypes: [
      'aws_security_group',
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'google_compute_firewall',
      'azurerm_network_security_rule',
    ],
  },
  'tf/provider-version': { concern: 'tech-stack', resourceTypes: [], blocks: ['terraform'] },
  'tf/public-bucket': {
    concern: 'security',
    resourceTypes: [
      'aws_s3_bucket',
      'aws_s3_bucket_acl',
      'aws_s3_bucket_public_access_block',
      'google_storage_bucket_iam_member',
      'google_storage_bucket_iam_binding',
      'azurerm_storage_container',
      'azurerm_storage_account',
    ],
  },
  'tf/remote-state': { concern: 'fault-tolerance', resourceTypes: [], blocks: ['terraform'] },
};

/** Hover anchors: each resource header a rule reads, and the `terraform`, `module`, `variable` and `provider` blocks some rules read. */
export function terraformAnchors(context: TerraformContext, rules: readonly RuleModule<'terraform'>[]): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  for (const block of context.file.blocks) {
    const type = block.type === 'resource' || block.type === 'data' ? block.labels[0] : undefined;
    const byConcern = new Map<string, string[]>();
    for (const rule of rules) {
      const reads = Object.hasOwn(TERRAFORM_ANCHOR_TABLE, rule.ruleId) ? TERRAFORM_ANCHOR_TABLE[rule.ruleId] : undefined;
      if (!reads || !(type !== undefined ? reads.resourceTypes.includes(type) : reads.blocks?.includes(block.type))) continue;
      const ids = byConcern.get(reads.concern);
      if (ids) ids.push(rule.ruleId);
      else byConcern.set(reads.concern, [rule.ruleId]);
    }
    for (const [concern, ruleIds] of byConcern) anchors.push({ range: context.headerRange(block), concern, ruleIds });
  }
  return anchors;
}
