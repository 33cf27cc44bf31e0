/**
 * Top-level keywords of a GitLab CI file that configure the pipeline rather than name a job: one
 * list for the rules (src/core/rules/gitlab-ci/pipeline.ts) and the evidence reader alike, so both
 * see the same jobs. `spec` is the header of a CI/CD component's inputs.
 */
export const GITLAB_GLOBAL_KEYWORDS: ReadonlySet<string> = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
  'types',
  'spec',
]);
