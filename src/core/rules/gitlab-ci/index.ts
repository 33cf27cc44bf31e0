import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from './anchors';
import { GITLAB_CI_DETECTORS } from './detectors';
import { readPipeline } from './pipeline';

/** GitLab CI pipelines (`.gitlab-ci.yml`); takes the text or a parse of it. */
export const gitlabCiAnalyzer = parsedYamlAnalyzer(
  'gitlab-ci',
  Object.keys(GITLAB_CI_DETECTORS),
  (input) => analyzeCiFile('gitlab-ci', input, readPipeline, GITLAB_CI_DETECTORS, collectAnchors),
);
