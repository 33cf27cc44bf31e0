import type { RawFinding } from '../types';
import type { TerraformContext } from './context';

/** One Terraform rule: its id (metadata in data/rules/terraform.yml) and its detection over one file. */
export interface TerraformRule {
  ruleId: string;
  /** Resource types the rule reads, for hover anchors ("what this stage asks of an aws_db_instance"). */
  resourceTypes: readonly string[];
  concern: string;
  detect(context: TerraformContext): RawFinding[];
}
