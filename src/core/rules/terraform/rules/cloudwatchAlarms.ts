import type { TreeValue } from '../../../evidence/parsers/locatedTree';
import { entriesOf } from '../../../evidence/parsers/locatedTree';
import type { HclBlock } from '../../../evidence/parsers/hclTree';
import { isExampleOrTestPath } from '../../../format/terraform/terraformFile';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { nestedBlock } from '../edits';
import { stringValue } from '../values';
import { AZURE_WATCHED, GOOGLE_WATCHED, azureAlertMayWatch, googlePolicyMayWatch } from '../otherCloudAlerts';

/** What is watched: the CloudWatch namespaces that hold a resource type's metrics and the dimension naming one. */
const WATCHED: Readonly<Record<string, { namespaces: readonly string[]; dimension: string; name?: string; what: string }>> = {
  aws_db_instance: { namespaces: ['AWS/RDS'], dimension: 'DBInstanceIdentifier', name: 'identifier', what: 'database' },
  aws_rds_cluster: { namespaces: ['AWS/RDS'], dimension: 'DBClusterIdentifier', name: 'cluster_identifier', what: 'database' },
  aws_lb: { namespaces: ['AWS/ApplicationELB', 'AWS/NetworkELB'], dimension: 'LoadBalancer', what: 'load balancer' },
  aws_alb: { namespaces: ['AWS/ApplicationELB'], dimension: 'LoadBalancer', what: 'load balancer' },
};

/** Alerting kept outside CloudWatch: its monitors are configured in their own terms, which this rule does not read. */
const OTHER_ALERTING = [
  'datadog_monitor',
  'newrelic_nrql_alert_condition',
  'newrelic_alert_condition',
  'grafana_rule_group',
  'signalfx_detector',
];

/** One metric an alarm reads (an alarm's own, or one of its metric-math queries), as written. */
interface WatchedMetric {
  module: TerraformModule;
  namespace: TreeValue | undefined;
  dimensions: TreeValue | undefined;
}

/**
 * tf/cloudwatch-alarms: a production database or load balancer that no alarm watches — no
 * `aws_cloudwatch_metric_alarm` in the workspace reads its namespace with a dimension naming it (a reference to
 * the resource, or its literal identifier). A full disk, a CPU at 100 % or a wave of 5xx is then found by
 * users. Anything unknown counts as watching: an alarm whose dimension is a variable or another module's output,
 * an alarm module, alerting in Datadog, New Relic or Grafana. Dev and test folders are not asked.
 * The same on Google Cloud (a Cloud SQL instance no `google_monitoring_alert_policy` condition names) and Azure
 * (a flexible server, load balancer or application gateway no `azurerm_monitor_metric_alert` scopes): see
 * otherCloudAlerts.ts.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cloudwatch-alarms',
  anchors: (context) =>
    blockAnchors(context, { resourceTypes: [...Object.keys(WATCHED), ...Object.keys(GOOGLE_WATCHED), ...Object.keys(AZURE_WATCHED)] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isNonProduction() || context.isExampleOrTest()) return findings;
    const watched = context.resources(...Object.keys(WATCHED));
    const google = context.resources(...Object.keys(GOOGLE_WATCHED));
    const azure = context.resources(...Object.keys(AZURE_WATCHED));
    if (watched.length + google.length + azure.length === 0) return findings;
    const modules = context.workspaceModules().filter((candidate) => !isExampleOrTestPath(`${candidate.folder}/main.tf`, context.root));
    if (modules.some((candidate) => candidate.resourcesOf(...OTHER_ALERTING).length > 0 || callsAlarmModule(candidate))) return findings;
    for (const { block } of google) {
      if (module.written(block.body, 'master_instance_name') || googlePolicyMayWatch(modules, block, module)) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)}: no Cloud Monitoring alert policy watches this ${GOOGLE_WATCHED[block.labels[0]]} (no google_monitoring_alert_policy condition names it).`,
        ),
      );
    }
    for (const { block } of azure) {
      // A Basic load balancer (azurerm's default sku) has no metrics to alert on; a Gateway one is not an entry point.
      if (block.labels[0] === 'azurerm_lb' && stringValue(module.value(block.body, 'sku')) !== 'Standard') continue;
      if (azureAlertMayWatch(modules, block, module)) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)}: no Azure Monitor alert watches this ${AZURE_WATCHED[block.labels[0]]} (no azurerm_monitor_metric_alert has it in its scopes).`,
        ),
      );
    }
    const metrics = modules.flatMap(metricsOf);
    for (const { block } of watched) {
      const type = block.labels[0] ?? '';
      const watch = WATCHED[type];
      if (type === 'aws_db_instance' && module.written(block.body, 'replicate_source_db')) continue;
      if (type === 'aws_lb' && (stringValue(module.value(block.body, 'load_balancer_type')) ?? 'application') === 'gateway') continue;
      if (metrics.some((metric) => mayWatch(metric, block, module, watch))) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)}: no CloudWatch alarm watches this ${watch.what} (no aws_cloudwatch_metric_alarm in ${watch.namespaces.join(' or ')} names it in ${watch.dimension}).`,
        ),
      );
    }
    return findings;
  },
});

function callsAlarmModule(module: TerraformModule): boolean {
  return module.moduleCalls.some(({ block }) => {
    const source = stringValue(module.value(block.body, 'source')) ?? '';
    return source.includes('alarm') || source.includes('monitor');
  });
}

/** Every metric the module's alarms read: the alarm's own namespace and dimensions, and each metric-math query's. */
function metricsOf(module: TerraformModule): WatchedMetric[] {
  const metrics: WatchedMetric[] = [];
  for (const { block } of module.resourcesOf('aws_cloudwatch_metric_alarm')) {
    const queries = entriesOf(block.body, 'metric_query');
    if (queries.length === 0 || module.written(block.body, 'namespace'))
      metrics.push({ module, namespace: module.written(block.body, 'namespace'), dimensions: module.written(block.body, 'dimensions') });
    for (const query of queries) {
      const metric = nestedBlock(query.value, 'metric');
      if (metric)
        metrics.push({ module, namespace: module.written(metric, 'namespace'), dimensions: module.written(metric, 'dimensions') });
    }
    if (block.body.entries.some((entry) => entry.key === 'dynamic')) metrics.push({ module, namespace: undefined, dimensions: undefined });
  }
  return metrics;
}

/**
 * Whether a metric may be the resource's: its namespace is the resource's (or unknown), and its dimension is a
 * reference to the resource, its literal identifier, or unknown. An RDS metric without dimensions is the
 * account's aggregate, which watches every database; a load balancer's metrics always name one.
 */
function mayWatch(
  metric: WatchedMetric,
  block: HclBlock,
  owner: TerraformModule,
  watch: { namespaces: readonly string[]; dimension: string; name?: string },
): boolean {
  if (!metric.namespace) return false;
  const namespace = metric.module.resolve(metric.namespace);
  const namespaceText = stringValue(namespace);
  if (namespace === undefined) return true;
  if (namespaceText === undefined || !watch.namespaces.includes(namespaceText)) return false;
  if (!metric.dimensions) return watch.namespaces.includes('AWS/RDS');
  const dimensions = metric.module.resolve(metric.dimensions);
  if (dimensions?.kind !== 'map') return true; // a variable or a merge(): unknown
  const written = dimensions.entries.find((entry) => entry.key === watch.dimension)?.value;
  if (!written) return false;
  if (written.kind === 'scalar' && written.expression && typeof written.value === 'string') {
    if (written.value.includes(`${block.labels[0]}.${block.labels[1]}.`)) return true;
    if (written.value.includes(`${block.labels[0]}.`)) return false; // another resource of the same type
  }
  const value = stringValue(metric.module.resolve(written));
  if (value === undefined) return true;
  if (!watch.name) return false;
  const name = owner.written(block.body, watch.name);
  if (!name) return false; // a generated name: only a reference can match it
  const resolved = stringValue(owner.value(block.body, watch.name));
  return resolved === undefined || resolved === value;
}
