import { isMap } from 'yaml';
import type { ParseProblem } from '../../text';
import { gitlabPipelineDocument } from '../../format/ci/gitlabPipelineModel';
import { analyzeCiFile } from '../ci/analysis';
import { parsedYamlAnalyzer } from '../yaml/parsedYamlAnalyzer';
import { collectAnchors } from '../engine/ruleAnchors';
import { GITLAB_CI_CONCERN_ANCHORS } from './concernAnchors';
import { parseYamlFile } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import { GITLAB_CI_DETECTORS } from './detectors';
import { readPipeline } from './pipeline';
import { GITLAB_CI_RULES } from './rules';

/**
 * GitLab CI pipelines (`.gitlab-ci.yml`), the files they include by convention, and the files a pipeline
 * includes by any name (classified by reference); takes the text or a parse of it.
 * Reads WorkspaceFacts: a file is judged as part of the pipeline that includes it.
 */
export const gitlabCiAnalyzer = parsedYamlAnalyzer('gitlab-ci', Object.keys(GITLAB_CI_DETECTORS), (input, facts, path, options) => {
  const file = typeof input === 'string' ? parseYamlFile(input) : input;
  const analysis = analyzeCiFile(
    'gitlab-ci',
    file,
    (parsed) => readPipeline(parsed, path, facts.gitlabCi),
    GITLAB_CI_DETECTORS,
    (pipeline, problems) => collectAnchors(GITLAB_CI_RULES, GITLAB_CI_CONCERN_ANCHORS, [pipeline], problems),
    undefined,
    options,
  );
  const notAMap = notAPipelineMap(file);
  return notAMap ? { ...analysis, parseProblems: [...analysis.parseProblems, notAMap] } : analysis;
});

/**
 * GitLab reads every CI file as a map of jobs and global keywords; a file that parses but holds a list or a
 * text (often a file a pipeline includes that was never meant for it) makes GitLab reject the pipeline.
 * Located at the value; none for an empty file or one with YAML errors (those are reported already).
 */
function notAPipelineMap(file: YamlFile): ParseProblem | undefined {
  if (file.parseProblems.length > 0) return undefined;
  const contents = gitlabPipelineDocument(file)?.contents;
  if (!contents || isMap(contents) || !contents.range) return undefined;
  const what = 'items' in contents ? 'a list' : 'a single value';
  const start = contents.range[0];
  const lineEnd = file.text.indexOf('\n', start);
  return {
    // Its first line: a whole list underlined says less than its start.
    range: file.mapper.range(start, lineEnd < 0 ? contents.range[1] : Math.min(lineEnd, contents.range[1])),
    message: `GitLab CI reads this file as a map of jobs and keywords, but it holds ${what}: GitLab rejects the pipeline that reads it, and Stage Guide checks no job in it.`,
  };
}
