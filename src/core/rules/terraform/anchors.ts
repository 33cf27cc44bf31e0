import type { HoverAnchor } from '../types';
import type { TerraformContext } from './context';
import type { TerraformRule } from './rule';

/**
 * Hover anchors: each resource header a rule reads ("what this stage asks of an aws_db_instance", even when
 * nothing is wrong), and the `terraform` and `module` blocks the pinning and state rules read.
 */
export function terraformAnchors(context: TerraformContext, rules: readonly TerraformRule[]): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  for (const block of context.file.blocks) {
    const type = block.type === 'resource' || block.type === 'data' ? block.labels[0] : undefined;
    const byConcern = new Map<string, string[]>();
    for (const rule of rules) {
      const reads = type !== undefined ? rule.resourceTypes.includes(type) : READS_BLOCK[rule.ruleId]?.includes(block.type);
      if (!reads) continue;
      const ids = byConcern.get(rule.concern);
      if (ids) ids.push(rule.ruleId);
      else byConcern.set(rule.concern, [rule.ruleId]);
    }
    for (const [concern, ruleIds] of byConcern) anchors.push({ range: context.headerRange(block), concern, ruleIds });
  }
  return anchors;
}

/** The rules that read top-level blocks other than resources. */
const READS_BLOCK: Record<string, readonly string[]> = {
  'tf/provider-version': ['terraform'],
  'tf/remote-state': ['terraform'],
  'tf/module-source-pinned': ['module'],
  'tf/literal-secret': ['variable', 'provider'],
};
