import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { analyzeKubernetes } from './analyzeKubernetes';
import { KUBERNETES_RULES } from './rules';

/** The Kubernetes kind: findings and anchors from the detectors, plus `# stage-guide: ignore` suppressions; takes the text or a parse of it. */
export const kubernetesAnalyzer = parsedYamlAnalyzer(
  'kubernetes',
  KUBERNETES_RULES.map((detector) => detector.ruleId),
  (input, _facts, _path, options) => analyzeKubernetes(input, { anchors: options.anchors, fixes: options.fixes, digests: options.digests }),
);
