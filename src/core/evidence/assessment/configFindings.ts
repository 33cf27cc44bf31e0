import { evaluateFindings } from '../../rules/engine/evaluate';
import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import { ruleDocUrl } from '../../rules/engine/ruleDocs';
import { stageContextFor } from '../../rules/engine/stageContext';
import type { FileAnalysis } from '../../rules/types';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { isTerraformName } from '../../format/terraform/terraformFile';
import type { Governing } from '../../workspace/stageResolution';
import { TimeSlicer } from '../scan/cancellation';
import type { ConfigFinding, ConfigParseProblem } from './types';

export interface ConfigFileText {
  path: string;
  text: string;
  /** The scan's parse of `text`, kept for a YAML kind analysed once the workspace facts are known (workflows: few and small). */
  parsed?: YamlFile;
}

/** A config file the scan analysed as soon as it read it (its analysis does not depend on the workspace facts). */
export interface AnalyzedConfigFile {
  path: string;
  analysis: FileAnalysis;
}

/**
 * Places each finding of a service's analysed (and judged) config files on
 * the stage ladder of `governing`. Silenced findings are kept, marked, so a view
 * can say why something is not reported.
 */
export async function configFindings(
  files: readonly AnalyzedConfigFile[],
  governing: Governing,
  catalog: RuleCatalog,
  today: string,
  slicer: TimeSlicer = new TimeSlicer(),
  parseProblems: ConfigParseProblem[] = [],
): Promise<ConfigFinding[]> {
  const findings: ConfigFinding[] = [];
  const ladder = `${today}|${governingKey(governing)}`;
  for (const { path, analysis } of files) {
    await slicer.maybeYield();
    // A file judged as before, on the same ladder: its findings as placed before (the same objects: the editor's scan
    // worker tells what it sent by them).
    const placed = PLACED.get(analysis);
    if (placed && placed.path === path && placed.catalog === catalog && placed.ladder === ladder) {
      // One by one: a spread of a file's tens of thousands of findings would overflow the call stack.
      for (const problem of placed.problems) parseProblems.push(problem);
      for (const finding of placed.findings) findings.push(finding);
      continue;
    }
    const fileFindings: ConfigFinding[] = [];
    const fileProblems: ConfigParseProblem[] = [];
    for (const problem of analysis.parseProblems)
      fileProblems.push({ path, range: problem.range, message: withoutYamlPosition(problem.message) });
    for (const staged of evaluateFindings(analysis, catalog, stageContextFor(governing, path, today))) {
      const finding: ConfigFinding = {
        path,
        range: staged.finding.range,
        ruleId: staged.rule.id,
        concern: staged.rule.concern,
        stage: staged.stage,
        status: staged.status,
        severity: staged.severity,
        label: staged.label,
        message: staged.finding.message ?? staged.rule.title,
        title: staged.rule.title,
        why: staged.rule.why,
        fixText: staged.rule.fix,
        docUrl: ruleDocUrl(staged.rule.id),
      };
      if (staged.finding.fix) finding.fix = staged.finding.fix;
      if (staged.finding.role) finding.role = staged.finding.role;
      if (staged.finding.related) finding.related = staged.finding.related;
      if (staged.suppressedBy) finding.suppressedBy = staged.suppressedBy;
      fileFindings.push(finding);
    }
    PLACED.set(analysis, { path, catalog, ladder, findings: fileFindings, problems: fileProblems });
    for (const problem of fileProblems) parseProblems.push(problem);
    for (const finding of fileFindings) findings.push(finding);
  }
  return sortedByPlace(findings, slicer);
}

/**
 * Each judged analysis's findings as last placed (kept as long as the analysis is: the editor's cache), with what placed
 * them besides the file: the rule catalogue, and the day with the governing stages and matrix (`ladder`).
 */
const PLACED = new WeakMap<
  FileAnalysis,
  { path: string; catalog: RuleCatalog; ladder: string; findings: readonly ConfigFinding[]; problems: readonly ConfigParseProblem[] }
>();

/** The governing stages and matrix written out, once per governing object. */
function governingKey(governing: Governing): string {
  let key = GOVERNING_KEYS.get(governing);
  if (key === undefined) GOVERNING_KEYS.set(governing, (key = JSON.stringify(governing)));
  return key;
}

const GOVERNING_KEYS = new WeakMap<Governing, string>();

/**
 * The findings by path, then line, column and rule: one file's findings sorted per step (a service with tens of
 * thousands of findings sorted at once holds the event loop for tens of milliseconds).
 */
async function sortedByPlace(findings: readonly ConfigFinding[], slicer: TimeSlicer): Promise<ConfigFinding[]> {
  const byPath = new Map<string, ConfigFinding[]>();
  for (const finding of findings) {
    const list = byPath.get(finding.path);
    if (list) list.push(finding);
    else byPath.set(finding.path, [finding]);
  }
  const sorted: ConfigFinding[] = [];
  for (const path of [...byPath.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    await slicer.maybeYield();
    const list = byPath
      .get(path)!
      .sort(
        (a, b) =>
          a.range.start.line - b.range.start.line ||
          a.range.start.character - b.range.start.character ||
          (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
      );
    for (const finding of list) sorted.push(finding);
  }
  return sorted;
}

/** yaml's messages end with " at line 10, column 10:" (and a code frame when pretty): the range says where already. */
function withoutYamlPosition(message: string): string {
  const at = message.lastIndexOf(' at line ');
  return at > 0 ? message.slice(0, at) : message;
}

/** The files the engine may read: Dockerfiles and YAML (it decides per file, by name and content). */
export function mayBeConfigFile(basename: string): boolean {
  const lower = basename.toLowerCase();
  return (
    lower === 'dockerfile' || lower === 'containerfile' || lower.includes('dockerfile') || /\.ya?ml$/.test(lower) || isTerraformName(lower)
  );
}
