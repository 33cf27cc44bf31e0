import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from '../engine/ruleAnchors';
import { GITLAB_CI_CONCERN_ANCHORS } from './concernAnchors';
import { GITLAB_CI_DETECTORS } from './detectors';
import { readPipeline } from './pipeline';
import { GITLAB_CI_RULES } from './rules';

/**
 * GitLab CI pipelines (`.gitlab-ci.yml`) and the files they include by convention; takes the text or a parse of it.
 * Reads WorkspaceFacts: a file is judged as part of the pipeline that includes it.
 */
export const gitlabCiAnalyzer = parsedYamlAnalyzer('gitlab-ci', Object.keys(GITLAB_CI_DETECTORS), (input, facts, path) =>
  analyzeCiFile(
    'gitlab-ci',
    input,
    (file) => readPipeline(file, path, facts.gitlabCi),
    GITLAB_CI_DETECTORS,
    (pipeline, problems) => collectAnchors(GITLAB_CI_RULES, GITLAB_CI_CONCERN_ANCHORS, [pipeline], problems),
  ),
);
