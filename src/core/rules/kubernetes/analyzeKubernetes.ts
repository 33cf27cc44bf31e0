import { withoutFixesOnAliasedNodes } from '../compose/aliasedNodes';
import { runGuarded } from '../engine/guardedDetectors';
import { collectYamlSuppressions } from '../engine/suppressions';
import type { FileAnalysis, ParseProblem } from '../types';
import { parseYamlFile } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import type { KubernetesDetector } from './detector';
import { KUBERNETES_DETECTORS } from './detectors';
import { manifestAnchors } from './manifestAnchors';
import { readManifestFile } from './manifestModel';

export interface AnalyzeOptions {
  /** Tests set this so a detector bug fails loudly instead of being contained. */
  rethrow?: boolean;
  detectors?: readonly KubernetesDetector[];
}

export type KubernetesResult = Omit<FileAnalysis, 'suppressions'>;

/**
 * Parses a (multi-document) manifest file once (or takes it parsed), reads every object and runs
 * every detector, collecting hover anchors. Documents with YAML errors are
 * reported and left out; the others are still analysed. Never throws (unless
 * `rethrow` asks it to).
 */
export function analyzeKubernetes(input: string | YamlFile, options: AnalyzeOptions = {}): KubernetesResult {
  const result: KubernetesResult = { kind: 'kubernetes', findings: [], anchors: [], parseProblems: [] };
  try {
    const file = typeof input === 'string' ? parseYamlFile(input) : input;
    result.parseProblems = [...file.parseProblems];
    const manifests = readManifestFile(file);
    for (const detector of options.detectors ?? KUBERNETES_DETECTORS) {
      const detect = () => detector.detect(manifests);
      // A detector bug is contained to its own rule and shown as a problem naming it; tests rethrow instead.
      result.findings.push(...(options.rethrow ? detect() : runGuarded(detector.ruleId, detect, result.parseProblems)));
    }
    result.findings = withoutFixesOnAliasedNodes(file, result.findings);
    result.anchors = manifestAnchors(manifests);
  } catch (error) {
    if (options.rethrow) throw error;
    result.parseProblems.push(analysisFailure(error));
  }
  return result;
}

/**
 * The whole analysis of a manifest file someone already parsed (`analyzeFile`
 * parses a YAML file once to detect its kind; a workspace scan shares the
 * evidence readers' parse): findings, anchors and inline suppressions, the
 * latter read from the same tokens. Same result as the kind's analyzer on the text.
 */
export function analyzeParsedKubernetes(file: YamlFile): FileAnalysis {
  return { ...analyzeKubernetes(file), suppressions: collectYamlSuppressions(file.text, file.cst) };
}

function analysisFailure(error: unknown): ParseProblem {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Stage Guide could not analyse this manifest (${reason}). Please report it.` };
}
