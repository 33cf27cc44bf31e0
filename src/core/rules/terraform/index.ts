import { posixDirname } from '../../fileSystem';
import { parseTerraformFile } from '../../format/terraform/terraformFile';
import type { TerraformFile } from '../../format/terraform/terraformFile';
import { TerraformModule } from '../../format/terraform/terraformModule';
import { terraformFilesIn } from '../../format/terraform/terraformWorkspace';
import type { FileAnalysis, KindAnalyzer, ParseProblem, RawFinding, WorkspaceFacts } from '../types';
import { runGuarded } from '../engine/guardedDetectors';
import { terraformAnchors } from './anchors';
import { TerraformContext } from './context';
import { TERRAFORM_RULES } from './rules/index';
import type { TerraformRule } from './rule';
import { terraformSuppressions } from './suppressions';

/**
 * Analyses a `.tf` or `.tfvars` file: parsed once, joined with the other files of its folder (from the
 * workspace facts, when known) into the module Terraform reads, then every rule runs over it. Never throws:
 * a failing rule becomes a parse problem naming it.
 */
export function analyzeTerraform(
  text: string,
  facts: WorkspaceFacts,
  path = '/main.tf',
  rules: readonly TerraformRule[] = TERRAFORM_RULES,
): FileAnalysis {
  const file = parseTerraformFile(path, text);
  const module = new TerraformModule(posixDirname(path), moduleFiles(file, facts));
  const context = new TerraformContext(text, file, module);
  const parseProblems: ParseProblem[] = [];
  const findings: RawFinding[] = [];
  for (const rule of rules) findings.push(...runGuarded(rule.ruleId, () => rule.detect(context), parseProblems));
  return {
    kind: 'terraform',
    findings,
    anchors: terraformAnchors(context, rules),
    parseProblems,
    suppressions: terraformSuppressions(file, text),
  };
}

/** The file itself (as in the editor, maybe unsaved) and its folder's other files as the workspace last read them. */
function moduleFiles(file: TerraformFile, facts: WorkspaceFacts): TerraformFile[] {
  const folder = posixDirname(file.path);
  const siblings = terraformFilesIn(facts.terraform, folder);
  return [file, ...siblings.filter((sibling) => sibling.path !== file.path)];
}

export const terraformAnalyzer: KindAnalyzer = {
  kind: 'terraform',
  ruleIds: TERRAFORM_RULES.map((rule) => rule.ruleId),
  analyze(text: string, facts: WorkspaceFacts, path?: string): FileAnalysis {
    return analyzeTerraform(text, facts, path);
  },
};
