import type { RawFinding } from '../../types';
import { findPair, getPath, scalarString } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import { runsTests } from '../../../ci/testCommands';
import { everyScriptLine } from '../pipeline';
import type { Pipeline } from '../pipeline';

/**
 * gitlab/ci-runs-tests — a rule about this file: a pipeline none of whose jobs
 * runs tests (scripts read with the shared shell tokenizer: `echo npm test`
 * runs nothing). Quiet when the pipeline includes other files or triggers
 * child pipelines (the tests may run there), when a job publishes a JUnit
 * report, and in files a pipeline includes (they are not pipelines).
 */
export function detectPipelineWithoutTests(pipeline: Pipeline): RawFinding[] {
  if (!pipeline.isPipelineRoot) return [];
  const visible = pipeline.jobs.filter((job) => !job.hidden);
  if (visible.length === 0 || findPair(pipeline.root, 'include')) return [];
  if (pipeline.jobs.some((job) => findPair(job.map, 'trigger') || getPath(job.map, ['artifacts', 'reports', 'junit']) !== undefined))
    return [];
  if (everyScriptLine(pipeline).some((line) => runsTests(scalarString(line) ?? ''))) return [];
  const anchor = findPair(pipeline.root, 'stages') ?? visible[0].pair;
  return findingOn(pipeline.file, 'gitlab/ci-runs-tests', anchor.key, "None of this pipeline's jobs runs tests.");
}
