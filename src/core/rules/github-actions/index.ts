import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from './anchors';
import { GITHUB_ACTIONS_DETECTORS } from './detectors';
import { readWorkflow } from './workflow';

/** GitHub Actions workflows (`.github/workflows/*.y{a,}ml`); takes the text or a parse of it. */
export const githubActionsAnalyzer = parsedYamlAnalyzer(
  'github-actions',
  Object.keys(GITHUB_ACTIONS_DETECTORS),
  (input) => analyzeCiFile('github-actions', input, readWorkflow, GITHUB_ACTIONS_DETECTORS, collectAnchors),
);
