import { composeAnalyzer } from '../compose/index';
import { dockerfileAnalyzer } from '../dockerfile/index';
import { githubActionsAnalyzer } from '../github-actions/index';
import { gitlabCiAnalyzer } from '../gitlab-ci/index';
import { kubernetesAnalyzer } from '../kubernetes/index';
import { terraformAnalyzer } from '../terraform/index';
import type { FileKind, KindAnalyzer } from '../types';

/**
 * The analyzer of each file kind. Every YAML kind's analyzer also takes its
 * file already parsed (see ParsedYamlAnalyzer): `analyzeFile` hands it the
 * parse it made to detect a manifest, or the one a workspace scan's evidence
 * readers made.
 */
export const ANALYZERS: Readonly<Record<FileKind, KindAnalyzer>> = {
  dockerfile: dockerfileAnalyzer,
  'github-actions': githubActionsAnalyzer,
  'gitlab-ci': gitlabCiAnalyzer,
  compose: composeAnalyzer,
  kubernetes: kubernetesAnalyzer,
  terraform: terraformAnalyzer,
};

/**
 * The kinds whose analysis depends on WorkspaceFacts: a Dockerfile's
 * HEALTHCHECK advice changes when Kubernetes probes check its image, a
 * workflow's `gha/ci-runs-tests` is judged over all the repository's CI
 * workflows (reported once, in the first), and a GitLab CI file is judged as
 * part of the pipeline that includes it, and a Terraform file as part of
 * its module (the variables and tfvars of its folder). Every
 * other analyzer ignores the facts (a unit test checks it), so a workspace
 * scan, which learns the facts only once every file is read, may analyse the
 * other kinds as soon as it reads them, with the parse still at hand.
 */
export const KINDS_READING_WORKSPACE_FACTS: ReadonlySet<FileKind> = new Set<FileKind>([
  'dockerfile',
  'github-actions',
  'gitlab-ci',
  'terraform',
]);

export function analyzerFor(kind: FileKind): KindAnalyzer {
  return ANALYZERS[kind];
}
