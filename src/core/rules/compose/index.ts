import type { FileAnalysis, KindAnalyzer, WorkspaceFacts } from '../types';
import { collectYamlSuppressions } from '../engine/suppressions';
import { COMPOSE_DETECTORS } from './detectors';
import { analyzeCompose } from './analyzeCompose';

/** The compose kind: findings and anchors from the detectors, plus `# stage-guide: ignore` suppressions. */
export const composeAnalyzer: KindAnalyzer = {
  kind: 'compose',
  ruleIds: COMPOSE_DETECTORS.map((detector) => detector.ruleId),
  analyze(text: string, _facts: WorkspaceFacts): FileAnalysis {
    return { ...analyzeCompose(text), suppressions: collectYamlSuppressions(text) };
  },
};
