import { manifestDigests } from '../../deployment/digest/manifestDigest';
import type { FindingSubject } from '../../deployment/types';
import type { FileAnalysis } from '../types';
import { nodeRange } from '../yaml/yamlSupport';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import type { AnalyzeYamlOptions, YamlKind } from '../yaml/analyzeYamlKind';
import type { YamlFile } from '../yaml/yamlSupport';
import { KUBERNETES_RULES } from './rules';
import { readManifestFile } from './manifestModel';
import type { K8sObject, ManifestFile } from './manifestModel';

const KUBERNETES: YamlKind<ManifestFile> = {
  kind: 'kubernetes',
  noun: 'manifest',
  // Documents with YAML errors are reported and left out; the others are still analysed.
  readModel: readManifestFile,
  detectors: KUBERNETES_RULES,
  // Every place a hover explains is one a rule looks at: see the rule modules' `anchors`.
  concernAnchors: [],
  digests: manifestDigests,
  subjectOf: (manifests, finding) => {
    const line = finding.range.start.line;
    // The object that starts last at or before the finding (a node's range may end where the next document starts).
    let object: K8sObject | undefined;
    for (const span of objectSpans(manifests)) if (line >= span.start && line <= span.end) object = span.object;
    if (!object) return undefined;
    const subject: FindingSubject = { type: 'workload', kind: object.kind };
    if (object.name) subject.name = object.name;
    if (object.namespace) subject.namespace = object.namespace;
    return subject;
  },
};

const spans = new WeakMap<ManifestFile, Array<{ object: K8sObject; start: number; end: number }>>();

/** Each object's lines: worked out once per file, not once per finding (a long manifest has thousands of both). */
function objectSpans(manifests: ManifestFile): Array<{ object: K8sObject; start: number; end: number }> {
  let found = spans.get(manifests);
  if (!found) {
    found = [];
    for (const object of manifests.objects) {
      const range = nodeRange(manifests.file, object.map);
      if (range !== undefined) found.push({ object, start: range.start.line, end: range.end.line });
    }
    spans.set(manifests, found);
  }
  return found;
}

/**
 * Parses a (multi-document) manifest file once (or takes it parsed:
 * `analyzeFile` and a workspace scan may hand over their parse), reads every
 * object and runs every detector, collecting hover anchors and inline
 * suppressions. Never throws (unless `rethrow` asks it to).
 */
export function analyzeKubernetes(input: string | YamlFile, options: AnalyzeYamlOptions<ManifestFile> = {}): FileAnalysis {
  return analyzeYamlKind(KUBERNETES, input, options);
}
