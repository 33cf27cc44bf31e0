import { composeAnalyzer } from '../compose/index';
import { dockerfileAnalyzer } from '../dockerfile/index';
import { githubActionsAnalyzer } from '../github-actions/index';
import { gitlabCiAnalyzer } from '../gitlab-ci/index';
import { kubernetesAnalyzer } from '../kubernetes/index';
import type { FileKind, KindAnalyzer } from '../types';

/** The analyzer of each file kind. */
export const ANALYZERS: Readonly<Record<FileKind, KindAnalyzer>> = {
  dockerfile: dockerfileAnalyzer,
  'github-actions': githubActionsAnalyzer,
  'gitlab-ci': gitlabCiAnalyzer,
  compose: composeAnalyzer,
  kubernetes: kubernetesAnalyzer,
};

export function analyzerFor(kind: FileKind): KindAnalyzer {
  return ANALYZERS[kind];
}
