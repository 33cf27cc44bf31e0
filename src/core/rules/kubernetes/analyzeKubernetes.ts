import { manifestDigests } from '../../deployment/digest/manifestDigest';
import type { FindingSubject } from '../../deployment/types';
import type { FileAnalysis } from '../types';
import { nodeRange } from '../yaml/yamlSupport';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import type { AnalyzeYamlOptions, YamlKind } from '../yaml/analyzeYamlKind';
import type { YamlFile } from '../yaml/yamlSupport';
import { KUBERNETES_DETECTORS } from './detectors';
import { manifestAnchors } from './manifestAnchors';
import { readManifestFile } from './manifestModel';
import type { K8sObject, ManifestFile } from './manifestModel';

const KUBERNETES: YamlKind<ManifestFile> = {
  kind: 'kubernetes',
  noun: 'manifest',
  // Documents with YAML errors are reported and left out; the others are still analysed.
  readModel: readManifestFile,
  detectors: KUBERNETES_DETECTORS,
  anchors: manifestAnchors,
  digests: manifestDigests,
  subjectOf: (manifests, finding) => {
    const line = finding.range.start.line;
    // The object that starts last at or before the finding (a node's range may end where the next document starts).
    let object: K8sObject | undefined;
    for (const each of manifests.objects) {
      const range = nodeRange(manifests.file, each.map);
      if (range !== undefined && line >= range.start.line && line <= range.end.line) object = each;
    }
    if (!object) return undefined;
    const subject: FindingSubject = { type: 'workload', kind: object.kind };
    if (object.name) subject.name = object.name;
    if (object.namespace) subject.namespace = object.namespace;
    return subject;
  },
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
