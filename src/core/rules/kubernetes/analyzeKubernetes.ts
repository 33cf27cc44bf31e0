import { manifestDigests } from '../../deployment/digest/manifestDigest';
import { ownCopy } from '../../ownCopy';
import type { FindingSubject } from '../../deployment/types';
import type { FileAnalysis } from '../types';
import { mergedMaps } from '../yaml/aliasTargets';
import type { CopiedUnit } from '../yaml/copiedPlaceFindings';
import { findPair, nodeRange } from '../yaml/yamlSupport';
import { analyzeYamlKind } from '../yaml/analyzeYamlKind';
import { lastSpanHolding } from '../yaml/lineSpans';
import type { LineSpan } from '../yaml/lineSpans';
import type { AnalyzeYamlOptions, YamlKind } from '../yaml/analyzeYamlKind';
import type { YamlFile } from '../yaml/yamlSupport';
import { KUBERNETES_RULES } from './rules';
import { everyContainer, readManifestFile } from './manifestModel';
import type { K8sObject, ManifestFile } from './manifestModel';

/**
 * Containers that merge another container of their pod that names the image (`- <<: *worker` with its own `name:`
 * and `args:`): the same program, so what one lacks (a probe, a limit) the others lack through it, and the fix in
 * the anchored container serves them all. Their findings are reported once, at that container.
 */
function mergedContainers(manifests: ManifestFile): { units: CopiedUnit[]; describe: (names: string) => string } {
  const units: CopiedUnit[] = [];
  const { mapper } = manifests.file;
  for (const workload of manifests.workloads) {
    const containers = everyContainer(workload);
    for (const container of containers) {
      const source = (mergedMaps(container.map) ?? [])[0];
      const original = source && containers.find((other) => other.map === source);
      if (!original || !findPair(original.map, 'image') || !container.anchorNode.range || !original.anchorNode.range) continue;
      units.push({
        at: mapper.position(container.anchorNode.range[0]),
        originalAt: mapper.position(original.anchorNode.range[0]),
        name: container.name ?? '(unnamed)',
      });
    }
  }
  return { units, describe: (names) => `(also ${names.includes(',') ? 'containers' : 'container'} ${names}, which merge it)` };
}

const KUBERNETES: YamlKind<ManifestFile> = {
  kind: 'kubernetes',
  noun: 'manifest',
  // Documents with YAML errors are reported and left out; the others are still analysed.
  readModel: readManifestFile,
  detectors: KUBERNETES_RULES,
  // Every place a hover explains is one a rule looks at: see the rule modules' `anchors`.
  concernAnchors: [],
  digests: manifestDigests,
  copiedUnits: mergedContainers,
  subjectOf: (manifests, finding) => {
    // The object that starts last at or before the finding (a node's range may end where the next document starts).
    return objectSpans(manifests)(finding.range.start.line)?.subject;
  },
};

/** An object's lines and the subject of its findings: one object each, shared by the object's findings (kept by the thousand). */
type ObjectSpan = LineSpan & { subject: FindingSubject };

const spans = new WeakMap<ManifestFile, (line: number) => ObjectSpan | undefined>();

/** Each object's lines: worked out once per file, not once per finding (a long manifest has thousands of both). */
function objectSpans(manifests: ManifestFile): (line: number) => ObjectSpan | undefined {
  let found = spans.get(manifests);
  if (!found) {
    const list: ObjectSpan[] = [];
    for (const object of manifests.objects) {
      const range = nodeRange(manifests.file, object.map);
      if (range !== undefined) list.push({ subject: subjectOf(object), start: range.start.line, end: range.end.line });
    }
    found = lastSpanHolding(list);
    spans.set(manifests, found);
  }
  return found;
}

/**
 * Its strings are copies: read out of the file, they are slices of its whole text, which the findings (kept with the
 * scan's cache) would keep alive through them; and a frozen subject is left as it is by the cache's shareStrings.
 */
function subjectOf(object: K8sObject): FindingSubject {
  const subject: FindingSubject = { type: 'workload', kind: ownCopy(object.kind) };
  if (object.name) subject.name = ownCopy(object.name);
  if (object.namespace) subject.namespace = ownCopy(object.namespace);
  return Object.freeze(subject);
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
