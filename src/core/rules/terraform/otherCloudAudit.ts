import { entriesOf } from '../../evidence/parsers/locatedTree';
import type { TerraformModule } from '../../format/terraform/terraformModule';
import type { TerraformContext } from './context';
import { hasDynamicBlock } from './edits';
import { resourceAddresses } from './references';
import { stringValue } from './values';
import { remoteModuleMentions, workspaceResources } from './workspaceResources';

/**
 * tf/cloudtrail on Google Cloud and Azure: the audit record of who did what. Google Cloud records Admin Activity
 * by itself, but Data Access logs (who read or wrote data) only where an IAM audit config turns them on; Azure keeps
 * the subscription's activity log 90 days unless a diagnostic setting exports it. Each answers "is it missing
 * everywhere in the workspace?"; anything unknown (a service or target from a variable, a whole IAM policy set
 * elsewhere, a registry module about audit logs or diagnostics) counts as present.
 */

const GOOGLE_AUDIT_CONFIGS = ['google_project_iam_audit_config', 'google_folder_iam_audit_config', 'google_organization_iam_audit_config'];

/** Authoritative IAM policies: their `policy_data` may hold audit configs this rule cannot read. */
const GOOGLE_IAM_POLICIES = ['google_project_iam_policy', 'google_folder_iam_policy', 'google_organization_iam_policy'];

/** No audit config of the workspace turns on DATA_READ and DATA_WRITE for `allServices`. */
export function googleDataAccessLogsMissing(context: TerraformContext): boolean {
  if (remoteModuleMentions(context, 'audit')) return false;
  if (workspaceResources(context, ...GOOGLE_IAM_POLICIES).length > 0) return false;
  return !workspaceResources(context, ...GOOGLE_AUDIT_CONFIGS).some(({ block, module }) => {
    if (module.written(block.body, 'service')) {
      const service = stringValue(module.value(block.body, 'service'));
      if (service !== undefined && service !== 'allServices') return false;
    } else return false;
    if (hasDynamicBlock(block.body, 'audit_log_config')) return true;
    const types = entriesOf(block.body, 'audit_log_config').map((entry) => logTypeOf(module, entry.value));
    if (types.includes(undefined)) return true;
    return types.includes('DATA_READ') && types.includes('DATA_WRITE');
  });
}

function logTypeOf(module: TerraformModule, config: Parameters<TerraformModule['value']>[0]): string | undefined {
  return stringValue(module.value(config, 'log_type'));
}

/**
 * No `azurerm_monitor_diagnostic_setting` of the workspace exports the subscription's activity log: none whose
 * `target_resource_id` is a subscription (`data.azurerm_subscription.current.id`, `/subscriptions/<id>`) or
 * unknown (a variable, a local, a module output), and no legacy `azurerm_monitor_log_profile`.
 */
export function azureActivityLogExportMissing(context: TerraformContext): boolean {
  if (remoteModuleMentions(context, 'diagnostic', 'activity')) return false;
  if (workspaceResources(context, 'azurerm_monitor_log_profile').length > 0) return false;
  return !workspaceResources(context, 'azurerm_monitor_diagnostic_setting').some(({ block, module }) => {
    const target = module.written(block.body, 'target_resource_id');
    if (!target) return false;
    const literal = stringValue(module.resolve(target));
    if (literal !== undefined) return isSubscriptionId(literal);
    if (target.kind !== 'scalar' || typeof target.value !== 'string') return true;
    if (target.value.includes('azurerm_subscription')) return true;
    return resourceAddresses(target.value).length === 0; // a variable or module output: unknown
  });
}

/** `/subscriptions/<id>` and nothing below it. */
function isSubscriptionId(text: string): boolean {
  const parts = text.split('/').filter((part) => part !== '');
  return parts.length === 2 && parts[0].toLowerCase() === 'subscriptions';
}
