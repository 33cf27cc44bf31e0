import type { TreeValue } from '../../evidence/parsers/locatedTree';
import { entriesOf } from '../../evidence/parsers/locatedTree';
import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TerraformModule } from '../../format/terraform/terraformModule';
import { stringValue } from './values';

/**
 * tf/cloudwatch-alarms on Google Cloud and Azure: whether an alert policy (Cloud Monitoring) or a metric alert
 * (Azure Monitor) may watch a database or load balancer. Everything unknown counts as watching: a filter or
 * scope built from a variable, a local or another module's output, a policy whose conditions are `dynamic`.
 */

/** The resource types watched on each cloud, and what the message calls them. */
export const GOOGLE_WATCHED: Readonly<Record<string, string>> = { google_sql_database_instance: 'database' };
export const AZURE_WATCHED: Readonly<Record<string, string>> = {
  azurerm_postgresql_flexible_server: 'database',
  azurerm_mysql_flexible_server: 'database',
  azurerm_lb: 'load balancer',
  azurerm_application_gateway: 'load balancer',
};

/** Azure alerts that name the resources they watch in `scopes`. */
const AZURE_ALERTS = ['azurerm_monitor_metric_alert', 'azurerm_monitor_scheduled_query_rules_alert_v2'];

/** How a filter or query names Cloud SQL: the monitored resource type, the metric prefix, its PromQL spelling. */
const CLOUD_SQL_MENTIONS = ['cloudsql_database', 'cloudsql.googleapis.com', 'cloudsql_googleapis_com'];

/** Every scalar below a value, as written. */
function scalarsOf(value: TreeValue, into: TreeValue[] = []): TreeValue[] {
  if (value.kind === 'scalar') into.push(value);
  else if (value.kind === 'map') for (const entry of value.entries) scalarsOf(entry.value, into);
  else for (const item of value.items) scalarsOf(item, into);
  return into;
}

/**
 * Whether one of the workspace's `google_monitoring_alert_policy` conditions may watch a Cloud SQL instance: a
 * filter or query that references the instance, names it (`database_id = "project:name"`), reads Cloud SQL
 * metrics without a `database_id` (every instance), or is unknown (a template of variables, dynamic conditions).
 */
export function googlePolicyMayWatch(modules: readonly TerraformModule[], block: HclBlock, owner: TerraformModule): boolean {
  const reference = `${block.labels[0]}.${block.labels[1]}.`;
  const name = owner.written(block.body, 'name') ? stringValue(owner.value(block.body, 'name')) : '';
  return modules.some((module) =>
    module.resourcesOf('google_monitoring_alert_policy').some(({ block: policy }) => {
      if (policy.body.entries.some((entry) => entry.key === 'dynamic')) return true;
      return entriesOf(policy.body, 'conditions').some((condition) =>
        scalarsOf(condition.value).some((scalar) => {
          if (scalar.kind !== 'scalar' || typeof scalar.value !== 'string') return false;
          if (scalar.value.includes(reference)) return true;
          const text = stringValue(module.resolve(scalar));
          if (text === undefined) return !scalar.value.includes(`${block.labels[0]}.`); // unknown, unless it names another instance
          if (!CLOUD_SQL_MENTIONS.some((mention) => text.includes(mention))) return false;
          if (!text.includes('database_id')) return true;
          return name === undefined || (name !== '' && text.includes(`:${name}`));
        }),
      );
    }),
  );
}

/**
 * Whether one of the workspace's Azure metric (or log query) alerts may watch a resource: a scope that references
 * it, a literal resource id ending in its name, or a scope that is unknown (a variable, a resource group's id,
 * which watches every resource of the alert's target type in it).
 */
export function azureAlertMayWatch(modules: readonly TerraformModule[], block: HclBlock, owner: TerraformModule): boolean {
  const type = block.labels[0] ?? '';
  const reference = `${type}.${block.labels[1]}.`;
  const name = owner.written(block.body, 'name') ? stringValue(owner.value(block.body, 'name')) : '';
  return modules.some((module) =>
    module.resourcesOf(...AZURE_ALERTS).some(({ block: alert }) => {
      const scopes = module.written(alert.body, 'scopes');
      if (!scopes) return false;
      const resolved = module.resolve(scopes);
      if (!resolved || resolved.kind === 'map') return true;
      const items = resolved.kind === 'list' ? resolved.items : [resolved];
      return items.some((item) => {
        if (item.kind !== 'scalar' || typeof item.value !== 'string') return true;
        if (item.value.includes(reference)) return true;
        if (item.value.includes(`${type}.`)) return false; // another resource of the same type
        const text = stringValue(module.resolve(item));
        if (text === undefined) return !Object.keys(AZURE_WATCHED).some((watched) => (item.value as string).includes(`${watched}.`));
        if (name === undefined) return true;
        return name !== '' && text.toLowerCase().endsWith(`/${name.toLowerCase()}`);
      });
    }),
  );
}
