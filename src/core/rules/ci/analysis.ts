import type { Range } from '../../text';
import { runGuarded } from '../engine/guardedDetectors';
import { collectYamlSuppressions } from '../engine/suppressions';
import type { FileAnalysis, FileKind, HoverAnchor, RawFinding } from '../types';
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
  collectAnchors: (model: Model) => HoverAnchor[],
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
  for (const [ruleId, detect] of Object.entries(detectors))
    analysis.findings.push(...runGuarded(ruleId, () => detect(model), analysis.parseProblems));
  analysis.findings.sort(byPosition);
  if (file.parseProblems.length > 0) analysis.findings = analysis.findings.map(withoutFixes);
  analysis.anchors = guarded(() => collectAnchors(model), []).sort(byPosition);
  return analysis;
}

/** Reading the model or anchors must not take the analysis down either (the engine reports failed detectors itself). */
function guarded<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/** Document order, so every consumer (Problems panel, CLI, tests) lists findings the same way. */
function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
