import { anchorsAsAsked, byPosition } from '../engine/ruleAnchors';
import { runGuarded } from '../engine/guardedDetectors';
import { settleFixes } from '../engine/fixesOnDemand';
import { collectYamlSuppressions } from '../engine/suppressions';
import type { AnalyzerOptions, FileAnalysis, FileKind, HoverAnchor, ParseProblem, RawFinding } from '../types';
import { withoutFixes } from '../yaml/aliasedNodes';
import { parseYamlFile } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';

/**
 * The analysis both CI kinds (GitHub Actions, GitLab CI) share: parse once (or
 * take the file parsed: `analyzeFile` and a workspace scan may hand over their
 * parse), read the kind's model, run every detector on it, collect anchors and
 * inline suppressions (from the same tokens). Never throws.
 *
 * A file with YAML errors still gets findings (so diagnostics do not flicker
 * while the user types) but no fixes: edits computed on a broken tree could
 * land in the wrong place.
 */
export function analyzeCiFile<Model>(
  kind: FileKind,
  input: string | YamlFile,
  readModel: (file: YamlFile) => Model | undefined,
  detectors: Readonly<Record<string, (model: Model) => RawFinding[]>>,
  collectAnchors: (model: Model, problems: ParseProblem[]) => HoverAnchor[],
  /** What the kind does with all its findings at once (GitHub Actions: one finding per anchored place, see aliasedJobs.ts). */
  finish?: (model: Model, findings: RawFinding[]) => RawFinding[],
  options: AnalyzerOptions = {},
): FileAnalysis {
  const file = typeof input === 'string' ? parseYamlFile(input) : input;
  const analysis: FileAnalysis = {
    kind,
    findings: [],
    anchors: [],
    parseProblems: [...file.parseProblems],
    suppressions: collectYamlSuppressions(file.text, file.cst),
  };
  const model = guarded(() => readModel(file), undefined);
  if (model === undefined) return analysis;
  // Fixes are built with the rule's findings (inside its guard) unless they are asked for on demand.
  const onDemand = options.fixes === 'on-demand';
  for (const [ruleId, detect] of Object.entries(detectors))
    analysis.findings.push(...runGuarded(ruleId, () => (onDemand ? detect(model) : settleFixes(detect(model))), analysis.parseProblems));
  if (finish) analysis.findings = guarded(() => finish(model, analysis.findings), analysis.findings);
  analysis.findings.sort(byPosition);
  if (file.parseProblems.length > 0) analysis.findings = analysis.findings.map(withoutFixes);
  // Each rule's anchors are guarded like its detection (engine/ruleAnchors.ts), and come in document order.
  const anchors = anchorsAsAsked(options, (problems) => collectAnchors(model, problems), analysis.parseProblems);
  analysis.anchors = anchors.anchors;
  if (anchors.anchorsOnDemand) analysis.anchorsOnDemand = anchors.anchorsOnDemand;
  return analysis;
}

/** Reading the model must not take the analysis down either (the engine reports failed detectors and anchors itself). */
function guarded<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
