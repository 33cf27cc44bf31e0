import { withoutFixesOnAliasedNodes } from '../compose/aliasedNodes';
import { runGuarded } from '../engine/guardedDetectors';
import type { FileAnalysis, ParseProblem } from '../types';
import { parseYamlFile } from '../yaml/yamlSupport';
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
 * Parses a (multi-document) manifest file once, reads every object and runs
 * every detector, collecting hover anchors. Documents with YAML errors are
 * reported and left out; the others are still analysed. Never throws (unless
 * `rethrow` asks it to).
 */
export function analyzeKubernetes(text: string, options: AnalyzeOptions = {}): KubernetesResult {
  const result: KubernetesResult = { kind: 'kubernetes', findings: [], anchors: [], parseProblems: [] };
  try {
    const file = parseYamlFile(text);
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

function analysisFailure(error: unknown): ParseProblem {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Stage Guide could not analyse this manifest (${reason}). Please report it.` };
}
