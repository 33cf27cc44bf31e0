import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock } from '../edits';
import { isExampleOrTestPath } from '../../../format/terraform/terraformFile';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { stringValue } from '../values';

/** Per cloud: the provider whose use asks for a budget, the budget resources, and the nested blocks that alert someone. */
const CLOUDS = [
  { provider: 'aws', name: 'AWS', budgets: ['aws_budgets_budget'], alerts: ['notification'] },
  { provider: 'google', name: 'Google Cloud', budgets: ['google_billing_budget'], alerts: ['threshold_rules', 'all_updates_rule'] },
  {
    provider: 'azurerm',
    name: 'Azure',
    budgets: [
      'azurerm_consumption_budget_subscription',
      'azurerm_consumption_budget_resource_group',
      'azurerm_consumption_budget_management_group',
    ],
    alerts: ['notification'],
  },
] as const;

type Cloud = (typeof CLOUDS)[number];

/**
 * tf/budget-alerts: a cloud account managed here with no budget that alerts anyone — no `aws_budgets_budget` with
 * a `notification` (Google Cloud: `google_billing_budget` with `threshold_rules`; Azure: an
 * `azurerm_consumption_budget_*`) anywhere in the workspace, nor a module whose source is a budgets module.
 * Reported once per root module, on its provider block: a budget is an account-wide setting, so one in any folder
 * of the workspace is enough. A budget without an alert only shows in a console nobody opens.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/budget-alerts',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_budgets_budget',
        'google_billing_budget',
        'azurerm_consumption_budget_subscription',
        'azurerm_consumption_budget_resource_group',
        'azurerm_consumption_budget_management_group',
      ],
      blocks: ['provider'],
    }),
  detect(context) {
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    const modules = context.workspaceModules().filter((candidate) => !isExampleOrTestPath(`${candidate.folder}/main.tf`, context.root));
    if (modules.some(callsBudgetModule)) return findings;
    for (const cloud of CLOUDS) {
      if (modules.some((candidate) => alertingBudgets(candidate, cloud).length > 0)) continue;
      for (const { block } of context.resources(...cloud.budgets))
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(block),
            `${context.address(block)} has no ${cloud.alerts[0]}: going over budget alerts nobody.`,
          ),
        );
      const provider = context.mainProvider(cloud.provider);
      if (provider?.file === context.file && !modules.some((candidate) => candidate.resourcesOf(...cloud.budgets).length > 0))
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(provider.block),
            `No ${cloud.name} budget with alerts in this workspace (${cloud.budgets[0]} with ${cloud.alerts[0]}): a runaway bill is found at the end of the month.`,
          ),
        );
    }
    return findings;
  },
});

function alertingBudgets(module: TerraformModule, cloud: Cloud) {
  return module
    .resourcesOf(...cloud.budgets)
    .filter(({ block }) => cloud.alerts.some((key) => nestedBlock(block.body, key) !== undefined || hasDynamicBlock(block.body, key)));
}

/** A call of a budgets module: its inputs are its own business. */
function callsBudgetModule(module: TerraformModule): boolean {
  return module.moduleCalls.some(({ block }) => (stringValue(module.value(block.body, 'source')) ?? '').includes('budget'));
}
