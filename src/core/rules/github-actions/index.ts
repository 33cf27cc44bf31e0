import type { KindAnalyzer } from '../types';
import { collectAnchors } from './anchors';
import { GITHUB_ACTIONS_DETECTORS } from './detectors';
import { analyzeCiFile } from './shared/analysis';
import { readWorkflow } from './workflow';

/** GitHub Actions workflows (`.github/workflows/*.y{a,}ml`). */
export const githubActionsAnalyzer: KindAnalyzer = {
  kind: 'github-actions',
  ruleIds: Object.keys(GITHUB_ACTIONS_DETECTORS),
  analyze: (text) => analyzeCiFile('github-actions', text, readWorkflow, GITHUB_ACTIONS_DETECTORS, collectAnchors),
};
