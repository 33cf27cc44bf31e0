import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { analyzeCompose } from './analyzeCompose';
import { COMPOSE_RULES } from './rules';

/** The compose kind: findings and anchors from the detectors, plus `# stage-guide: ignore` suppressions; takes the text or a parse of it. */
export const composeAnalyzer = parsedYamlAnalyzer(
  'compose',
  COMPOSE_RULES.map((detector) => detector.ruleId),
  (input, _facts, _path, options) => analyzeCompose(input, { anchors: options.anchors, fixes: options.fixes, digests: options.digests }),
);
