import { posixDirname } from '../../fileSystem';
import { isExampleOrTestPath, parseTerraformFile } from '../../format/terraform/terraformFile';
import type { TerraformFile } from '../../format/terraform/terraformFile';
import { TerraformModule, terraformModules } from '../../format/terraform/terraformModule';
import { hasLockFileIn, terraformFilesIn, terraformRoot } from '../../format/terraform/terraformWorkspace';
import type { AnalyzerOptions, FileAnalysis, KindAnalyzer, ParseProblem, RawFinding, WorkspaceFacts } from '../types';
import { runGuarded } from '../engine/guardedDetectors';
import { anchorsAsAsked, collectAnchors } from '../engine/ruleAnchors';
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
  options: AnalyzerOptions = {},
): FileAnalysis {
  const file = parseTerraformFile(path, text);
  const root = terraformRoot(facts.terraform, path);
  const module = moduleOf(file, facts, root);
  const context = new TerraformContext(text, file, module, root, workspaceModules(facts), (folder) =>
    hasLockFileIn(facts.terraform, folder),
  );
  const parseProblems: ParseProblem[] = [];
  const findings: RawFinding[] = [];
  for (const rule of rules) findings.push(...runGuarded(rule.ruleId, () => rule.detect(context), parseProblems));
  // Every place a hover explains is a block some rule reads: no concern anchors of its own.
  const anchors = anchorsAsAsked(options, (problems) => collectAnchors(rules, [], [context], problems), parseProblems);
  return {
    kind: 'terraform',
    findings,
    ...anchors,
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
  const callers = workspaceCallers(facts, root).get(folder);
  if (callers) module.callers.push(...callers);
  return module;
}

type Callers = TerraformModule['callers'];

/**
 * The module blocks of the workspace by the folder their local source names, found once per facts and root
 * (a scan analyses every file with the same facts: looking them up per file cost more than the rules).
 */
const callersByFacts = new WeakMap<object, Map<string, Map<string, Callers>>>();
function workspaceCallers(facts: WorkspaceFacts, root: string): Map<string, Callers> {
  if (!facts.terraform) return new Map();
  let byRoot = callersByFacts.get(facts.terraform);
  if (!byRoot) callersByFacts.set(facts.terraform, (byRoot = new Map()));
  let callers = byRoot.get(root);
  if (callers) return callers;
  callers = new Map();
  byRoot.set(root, callers);
  for (const [other, candidate] of workspaceModules(facts)) {
    // An example's inputs show one way to call the module, not how it runs for users.
    if (isExampleOrTestPath(`${other}/main.tf`, root)) continue;
    for (const { block } of candidate.moduleCalls) {
      const folder = candidate.localSourceFolder(block);
      // A folder calling itself is no caller (its own blocks are the module).
      if (folder === undefined || folder === other) continue;
      let list = callers.get(folder);
      if (!list) callers.set(folder, (list = []));
      list.push({ module: candidate, call: block });
    }
  }
  return callers;
}

/** The workspace's modules by folder, built once per facts (a scan analyses every file with the same facts). */
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
  analyze(text: string, facts: WorkspaceFacts, path?: string, options?: AnalyzerOptions): FileAnalysis {
    return analyzeTerraform(text, facts, path, TERRAFORM_RULES, options);
  },
};
