import type { FileAnalysis } from '../types';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import type { AnalyzeYamlOptions, YamlKind } from '../yaml/analyzeYamlKind';
import type { YamlFile } from '../yaml/yamlSupport';
import { KUBERNETES_DETECTORS } from './detectors';
import { manifestAnchors } from './manifestAnchors';
import { readManifestFile } from './manifestModel';
import type { ManifestFile } from './manifestModel';

const KUBERNETES: YamlKind<ManifestFile> = {
  kind: 'kubernetes',
  noun: 'manifest',
  // Documents with YAML errors are reported and left out; the others are still analysed.
  readModel: readManifestFile,
  detectors: KUBERNETES_DETECTORS,
  anchors: manifestAnchors,
};

/**
 * Parses a (multi-document) manifest file once (or takes it parsed:
 * `analyzeFile` and a workspace scan may hand over their parse), reads every
 * object and runs every detector, collecting hover anchors and inline
 * suppressions. Never throws (unless `rethrow` asks it to).
 */
export function analyzeKubernetes(input: string | YamlFile, options: AnalyzeYamlOptions<ManifestFile> = {}): FileAnalysis {
  return analyzeYamlKind(KUBERNETES, input, options);
}
