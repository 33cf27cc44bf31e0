import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from './anchors';
import { GITHUB_ACTIONS_DETECTORS } from './detectors';
import { readWorkflow } from './workflow';

/** GitHub Actions workflows (`.github/workflows/*.y{a,}ml`); takes the text or a parse of it, and reads the repository's CI test facts. */
export const githubActionsAnalyzer = parsedYamlAnalyzer('github-actions', Object.keys(GITHUB_ACTIONS_DETECTORS), (input, facts, path) =>
  analyzeCiFile('github-actions', input, (file) => readWorkflow(file, { facts, path }), GITHUB_ACTIONS_DETECTORS, collectAnchors),
);
