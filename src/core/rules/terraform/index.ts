import { posixDirname } from '../../fileSystem';
import { isExampleOrTestPath, parseTerraformFile } from '../../format/terraform/terraformFile';
import type { TerraformFile } from '../../format/terraform/terraformFile';
import { TerraformModule, terraformModules } from '../../format/terraform/terraformModule';
import { terraformFilesIn, terraformRoot } from '../../format/terraform/terraformWorkspace';
import type { FileAnalysis, KindAnalyzer, ParseProblem, RawFinding, WorkspaceFacts } from '../types';
import { runGuarded } from '../engine/guardedDetectors';
import { terraformAnchors } from './anchors';
import { TerraformContext } from './context';
import { TERRAFORM_RULES } from './rules/index';
import type { RuleModule } from '../engine/ruleModule';
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
  rules: readonly RuleModule<'terraform'>[] = TERRAFORM_RULES,
): FileAnalysis {
  const file = parseTerraformFile(path, text);
  const root = terraformRoot(facts.terraform, path);
  const module = moduleOf(file, facts, root);
  const others = [...workspaceModules(facts).values()].filter((other) => other.folder !== module.folder);
  const context = new TerraformContext(text, file, module, root, others);
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

/**
 * The file's module: the file itself (as in the editor, maybe unsaved) with its folder's other files as the
 * workspace last read them, linked to the module blocks elsewhere in the workspace whose local source is
 * this folder (their inputs decide its variables).
 */
function moduleOf(file: TerraformFile, facts: WorkspaceFacts, root: string): TerraformModule {
  const folder = posixDirname(file.path);
  const siblings = terraformFilesIn(facts.terraform, folder).filter((sibling) => sibling.path !== file.path);
  const module = new TerraformModule(folder, [file, ...siblings]);
  const workspace = workspaceModules(facts);
  for (const [other, candidate] of workspace) {
    // An example's inputs show one way to call the module, not how it runs for users.
    if (other === folder || isExampleOrTestPath(`${other}/main.tf`, root)) continue;
    for (const { block } of candidate.moduleCalls) {
      if (candidate.localSourceFolder(block) === folder) module.callers.push({ module: candidate, call: block });
    }
  }
  return module;
}

/** The workspace's modules, built once per facts (a scan analyses every file with the same facts). */
const modulesByFacts = new WeakMap<object, Map<string, TerraformModule>>();
function workspaceModules(facts: WorkspaceFacts): Map<string, TerraformModule> {
  if (!facts.terraform) return new Map();
  let modules = modulesByFacts.get(facts.terraform);
  if (!modules) {
    modules = terraformModules(facts.terraform.files, terraformRoot(facts.terraform, '/'));
    modulesByFacts.set(facts.terraform, modules);
  }
  return modules;
}

export const terraformAnalyzer: KindAnalyzer = {
  kind: 'terraform',
  ruleIds: TERRAFORM_RULES.map((rule) => rule.ruleId),
  analyze(text: string, facts: WorkspaceFacts, path?: string): FileAnalysis {
    return analyzeTerraform(text, facts, path);
  },
};
