import type { RuleAnchor } from '../engine/ruleAnchors';
import type { TerraformContext } from './context';

/** What a Terraform rule reads: resources (and data sources) of these types, and top-level blocks of these kinds (`terraform`, `module`). */
export interface TerraformReads {
  resourceTypes?: readonly string[];
  blocks?: readonly string[];
}

/**
 * The header of every block the rule reads (`resource "aws_db_instance" "main"`), as hover anchors (a rule
 * module's `anchors`): the hover there explains what the stage asks of that resource, even when nothing is wrong.
 */
export function blockAnchors(context: TerraformContext, reads: TerraformReads): RuleAnchor[] {
  return context.file.blocks
    .filter((block) => {
      const type = block.type === 'resource' || block.type === 'data' ? block.labels[0] : undefined;
      return type !== undefined ? (reads.resourceTypes?.includes(type) ?? false) : (reads.blocks?.includes(block.type) ?? false);
    })
    .map((block) => ({ range: context.headerRange(block) }));
}
