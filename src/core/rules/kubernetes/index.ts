import type { FileAnalysis, KindAnalyzer, WorkspaceFacts } from '../types';
import { collectYamlSuppressions } from '../engine/suppressions';
import { KUBERNETES_DETECTORS } from './detectors';
import { analyzeKubernetes } from './analyzeKubernetes';

/** The Kubernetes kind: findings and anchors from the detectors, plus `# stage-guide: ignore` suppressions. */
export const kubernetesAnalyzer: KindAnalyzer = {
  kind: 'kubernetes',
  ruleIds: KUBERNETES_DETECTORS.map((detector) => detector.ruleId),
  analyze(text: string, _facts: WorkspaceFacts): FileAnalysis {
    return { ...analyzeKubernetes(text), suppressions: collectYamlSuppressions(text) };
  },
};
