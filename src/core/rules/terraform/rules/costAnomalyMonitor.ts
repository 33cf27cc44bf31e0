import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { accountFinding, remoteModuleMentions, workspaceResources } from '../workspaceResources';

/**
 * tf/cost-anomaly-monitor: at scale the matrix asks for cost monitoring, and a runaway job or a bad deploy
 * burns budget in hours: a workspace that configures the AWS provider but creates no `aws_ce_anomaly_monitor`
 * (reported once, at its first `provider "aws"` block), or a monitor that no `aws_ce_anomaly_subscription`
 * reports to anyone. A registry module about anomalies may create them: then nothing is reported.
 * On Azure, a workspace that configures `provider "azurerm"` but creates no `azurerm_cost_anomaly_alert`
 * (reported once, at its first such block). Google Cloud has no Terraform resource for cost anomaly alerts (they
 * are set in the Billing console), so nothing is asked of a `provider "google"`.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cost-anomaly-monitor',
  anchors: (context) =>
    blockAnchors(context, { resourceTypes: ['aws_ce_anomaly_monitor', 'azurerm_cost_anomaly_alert'], blocks: ['provider'] }),
  detect(context) {
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest() || remoteModuleMentions(context, 'anomal')) return findings;
    if (workspaceResources(context, 'azurerm_cost_anomaly_alert').length === 0)
      findings.push(
        ...accountFinding(
          context,
          this.ruleId,
          'azurerm',
          'No cost anomaly alert (azurerm_cost_anomaly_alert): Cost Management detects anomalies, but nobody is emailed, so a runaway cost is found on the invoice.',
        ),
      );
    if (workspaceResources(context, 'aws_ce_anomaly_monitor').length === 0)
      return findings.concat(
        accountFinding(
          context,
          this.ruleId,
          'aws',
          'No cost anomaly monitor (aws_ce_anomaly_monitor with a subscription): a runaway cost is found on the invoice.',
        ),
      );
    if (workspaceResources(context, 'aws_ce_anomaly_subscription').length > 0) return findings;
    for (const { block } of context.resources('aws_ce_anomaly_monitor')) {
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} tells nobody: no aws_ce_anomaly_subscription sends its anomalies to an email or SNS topic.`,
        ),
      );
    }
    return findings;
  },
});
