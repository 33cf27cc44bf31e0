import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock } from '../edits';
import { isExampleOrTestPath } from '../../../format/terraform/terraformFile';
import type { TerraformModule } from '../../../format/terraform/terraformModule';
import { stringValue } from '../values';

/**
 * tf/budget-alerts: an AWS account managed here with no budget that alerts anyone — no `aws_budgets_budget`
 * with a `notification` anywhere in the workspace (nor a module whose source is a budgets module). Reported
 * once per root module, on its `provider "aws"` block: a budget is an account-wide setting, so one in any
 * folder of the workspace is enough. A budget without a notification only shows in the console nobody opens.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/budget-alerts',
  detect(context) {
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    const modules = context.workspaceModules().filter((candidate) => !isExampleOrTestPath(`${candidate.folder}/main.tf`, context.root));
    if (modules.some(alertingBudget)) return findings;
    for (const { block } of context.resources('aws_budgets_budget'))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} has no notification: going over budget alerts nobody.`,
        ),
      );
    const provider = context.mainProvider('aws');
    if (provider?.file === context.file && !modules.some((candidate) => candidate.resourcesOf('aws_budgets_budget').length > 0))
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(provider.block),
          'No AWS budget with alerts in this workspace (aws_budgets_budget with a notification): a runaway bill is found at the end of the month.',
        ),
      );
    return findings;
  },
});

/** A budget that notifies someone, or a call of a budgets module (its inputs are its own business). */
function alertingBudget(module: TerraformModule): boolean {
  const budgets = module
    .resourcesOf('aws_budgets_budget')
    .some(({ block }) => nestedBlock(block.body, 'notification') !== undefined || hasDynamicBlock(block.body, 'notification'));
  const budgetModules = module.moduleCalls.some(({ block }) => (stringValue(module.value(block.body, 'source')) ?? '').includes('budget'));
  return budgets || budgetModules;
}
