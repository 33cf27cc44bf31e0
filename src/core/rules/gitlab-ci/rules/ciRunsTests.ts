import type { RawFinding } from '../../types';
import { findPair } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import { pipelineFileNames } from '../../../ci/gitlabPipelines';
import type { Pipeline } from '../pipeline';
import { defineRule } from '../../engine/ruleModule';
import { pipelineAnchors } from '../anchorPlaces';

/**
 * gitlab/ci-runs-tests — a rule about the pipeline: none of its jobs runs
 * tests. The pipeline is judged as GitLab runs it (core/ci/gitlabCiTests, the
 * same decision the evidence "CI runs the tests" makes): the jobs of every
 * file it `include:`s locally count, with templates, `default:` and
 * `!reference` followed across them; scripts are read with the shared shell
 * tokenizer (`echo npm test` runs nothing), and a JUnit report counts.
 * Reported once, in the `.gitlab-ci.yml`; quiet in the files it includes, and
 * whenever part of the pipeline cannot be read (another project's file, a
 * template, a child pipeline), because the tests may well run there.
 */
export function detectPipelineWithoutTests(pipeline: Pipeline): RawFinding[] {
  const judged = pipeline.context.pipeline;
  if (!pipeline.isPipelineRoot || !judged || judged.tests !== 'none' || judged.jobCount === 0) return [];
  const anchor = findPair(pipeline.root, 'stages') ?? pipeline.jobs.find((job) => !job.hidden)?.pair ?? findPair(pipeline.root, 'include');
  if (!anchor) return [];
  const message =
    judged.files.length === 1
      ? "None of this pipeline's jobs runs tests."
      : `None of this pipeline's jobs runs tests, in any of the ${judged.files.length} files it reads (${pipelineFileNames(judged)}).`;
  return findingOn(pipeline.file, 'gitlab/ci-runs-tests', anchor.key, message);
}

export const rule = defineRule('gitlab-ci', {
  ruleId: 'gitlab/ci-runs-tests',
  anchors: (pipeline) => pipelineAnchors(pipeline, 'job.script'),
  detect: detectPipelineWithoutTests,
});
