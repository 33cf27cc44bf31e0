import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { boolValue } from '../values';
import { azureActivityLogExportMissing, googleDataAccessLogsMissing } from '../otherCloudAudit';
import { accountFinding, remoteModuleMentions, setTrueFix, workspaceResources } from '../workspaceResources';

const SETTINGS = ['is_multi_region_trail', 'enable_log_file_validation'];

/**
 * tf/cloudtrail: compliance at the enterprise stage means proving who did what in the account — a workspace that
 * configures the AWS provider but creates no `aws_cloudtrail` (reported once, at its first `provider "aws"`
 * block; an organisation trail managed elsewhere is a reason to suppress it there), or a trail that records one
 * region only or whose files can be altered unnoticed (`is_multi_region_trail`, `enable_log_file_validation`).
 * A registry module about CloudTrail may create the trail: then nothing is reported.
 * On Google Cloud, a workspace whose audit configs turn on no Data Access logs (DATA_READ and DATA_WRITE for
 * `allServices`); on Azure, one that exports the subscription's activity log through no diagnostic setting; each
 * reported once, at the first `provider "google"` / `provider "azurerm"` block (otherCloudAudit.ts).
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/cloudtrail',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: ['aws_cloudtrail', 'google_project_iam_audit_config', 'azurerm_monitor_diagnostic_setting'],
      blocks: ['provider'],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    if (googleDataAccessLogsMissing(context))
      findings.push(
        ...accountFinding(
          context,
          this.ruleId,
          'google',
          'No Data Access audit logs (no google_project_iam_audit_config turns on DATA_READ and DATA_WRITE for allServices): who read or changed data is not recorded.',
        ),
      );
    if (azureActivityLogExportMissing(context))
      findings.push(
        ...accountFinding(
          context,
          this.ruleId,
          'azurerm',
          "No export of the subscription's activity log (no azurerm_monitor_diagnostic_setting targets the subscription): who did what is kept 90 days and nowhere you control.",
        ),
      );
    if (remoteModuleMentions(context, 'cloudtrail')) return findings;
    if (workspaceResources(context, 'aws_cloudtrail').length === 0)
      return findings.concat(
        accountFinding(
          context,
          this.ruleId,
          'aws',
          'No CloudTrail trail (aws_cloudtrail): API calls in the account are kept 90 days in the console and nowhere you control.',
        ),
      );
    for (const { block } of context.resources('aws_cloudtrail')) {
      const off = SETTINGS.filter((key) => {
        const written = module.written(block.body, key);
        return written ? boolValue(module.value(block.body, key)) === false : true;
      });
      if (off.length === 0) continue;
      const first = module.written(block.body, off[0]);
      const fixable = off.every((key) => !module.variableOf(module.written(block.body, key)));
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, first),
          `${context.address(block)} ${off.map((key) => `${key} ${module.written(block.body, key) ? 'is false' : 'is not set'}`).join(', ')}: ${
            off.includes('is_multi_region_trail') ? 'API calls in other regions go unrecorded' : 'its log files can be altered unnoticed'
          }.`,
          fixable ? setTrueFix(context, block, off, 'Record every region and validate log files') : undefined,
        ),
      );
    }
    return findings;
  },
});
