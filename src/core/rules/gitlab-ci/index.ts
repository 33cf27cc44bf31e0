import { analyzeCiFile } from '../github-actions/shared/analysis';
import type { KindAnalyzer } from '../types';
import { collectAnchors } from './anchors';
import { GITLAB_CI_DETECTORS } from './detectors';
import { readPipeline } from './pipeline';

/** GitLab CI pipelines (`.gitlab-ci.yml`). */
export const gitlabCiAnalyzer: KindAnalyzer = {
  kind: 'gitlab-ci',
  ruleIds: Object.keys(GITLAB_CI_DETECTORS),
  analyze: (text) => analyzeCiFile('gitlab-ci', text, readPipeline, GITLAB_CI_DETECTORS, collectAnchors),
};
