import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import { GITLAB_SCRIPT_KEYWORDS } from '../format/ci/gitlabPipelineModel';
import { isGitlabPipelineRoot } from '../format/fileKinds';
import type { TestRunVerdict } from './ciTestRuns';
import { gitlabJobTable, jobLineage, jobScript, jobSetting } from './gitlabJobs';
import type { GitlabJobTable } from './gitlabJobs';
import { gitlabPipelines, pipelineOf } from './gitlabPipelines';
import type { GitlabPipeline } from './gitlabPipelines';
import { findTestCommand, lineInScript } from './testCommands';

/**
 * "Does CI run the tests?" for GitLab CI, decided once for the rule
 * `gitlab/ci-runs-tests` and for the evidence "CI runs the tests": both judge
 * the pipeline as GitLab runs it (gitlabPipelines.ts), with the jobs of every
 * file it includes resolved across those files (gitlabJobs.ts).
 *
 * A job runs the tests when one of its scripts does (testCommands: the shell's
 * own words, so `echo npm test` runs nothing) or when it publishes a JUnit
 * report. A pipeline whose jobs do not, but that cannot be read in full (an
 * include of another project, a template, a child pipeline, a template a job
 * extends that was not read), is unknown, never "no tests".
 */

/** Whether one job runs the tests, with the table of the pipeline it is in. */
export function gitlabJobTestRun(table: GitlabJobTable, name: string): TestRunVerdict {
  const lineage = jobLineage(table, name);
  let unknown: string | undefined;
  for (const keyword of GITLAB_SCRIPT_KEYWORDS) {
    const script = jobScript(table, name, keyword, lineage);
    for (const line of script.lines) {
      const found = findTestCommand(line.text);
      if (found)
        return {
          kind: 'runs',
          run: { path: line.path, line: line.line + lineInScript(line.text, found), detail: `runs \`${found.command}\`` },
        };
    }
    unknown ??= script.unknown;
  }
  const junit = jobSetting(table, name, 'artifacts.reports.junit', lineage);
  if (junit) return { kind: 'runs', run: { path: junit.path, line: junit.line, detail: 'publishes a JUnit test report' } };
  if (jobSetting(table, name, 'trigger', lineage)) return { kind: 'unknown', reason: `${name} starts a child or downstream pipeline` };
  if (!lineage.complete) return { kind: 'unknown', reason: `${name} extends ${lineage.missing}, which was not read` };
  if (unknown) return { kind: 'unknown', reason: `${name} uses ${unknown}, which was not read` };
  return { kind: 'none' };
}

/** Whether any job of the pipeline runs the tests ('unknown' when none does and part of the pipeline was not read). */
export function gitlabPipelineTestRun(pipeline: GitlabPipeline, table: GitlabJobTable): TestRunVerdict {
  let unknown: TestRunVerdict | undefined;
  for (const name of table.definitions.keys()) {
    if (name.startsWith('.')) continue;
    const verdict = gitlabJobTestRun(table, name);
    if (verdict.kind === 'runs') return verdict;
    if (verdict.kind === 'unknown') unknown ??= verdict;
  }
  if (pipeline.unread.length > 0) return { kind: 'unknown', reason: `it includes ${pipeline.unread[0]}` };
  return unknown ?? { kind: 'none' };
}

/** A pipeline, judged: what it reads, and whether it runs the tests. */
export interface GitlabPipelineFacts extends GitlabPipeline {
  tests: 'runs' | 'none' | 'unknown';
  /** How many jobs (not templates) the pipeline has across its files. */
  jobCount: number;
}

/**
 * The repository's GitLab CI, judged once: every file's model and each
 * pipeline with its verdict. What WorkspaceFacts carries for the rules; the
 * CLI (from its evidence scan's models) and the editor (from its workspace
 * walk) both build it with this function.
 */
export interface GitlabCiFacts {
  files: GitlabCiFileModel[];
  pipelines: GitlabPipelineFacts[];
  /**
   * Files a pipeline includes (or starts as a child pipeline) under a name that does not say GitLab CI
   * (`ci/build.yml`), sorted; absent when none. GitLab CI by reference (core/ci/gitlabReferences), even
   * when one is no GitLab CI map and so has no model.
   */
  referenced?: string[];
}

export function gitlabCiFacts(models: Iterable<GitlabCiFileModel>, referenced: Iterable<string> = []): GitlabCiFacts {
  const files = [...new Map([...models].map((model) => [model.path, model])).values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const pipelines = gitlabPipelines(files).map((pipeline) => judged(pipeline, files));
  const byReference = [...new Set(referenced)].sort();
  return { files, pipelines, ...(byReference.length > 0 ? { referenced: byReference } : {}) };
}

const FILES_READ = new WeakMap<GitlabCiFacts, ReadonlySet<string>>();

/**
 * Every file the pipelines read or name, by path: what a classifier asks as `isGitlabIncluded`
 * (a file a pipeline includes is GitLab CI whatever its name). Made once per facts.
 */
export function gitlabFilesRead(gitlab: GitlabCiFacts): ReadonlySet<string> {
  let files = FILES_READ.get(gitlab);
  if (!files)
    FILES_READ.set(gitlab, (files = new Set([...gitlab.pipelines.flatMap((pipeline) => pipeline.files), ...(gitlab.referenced ?? [])])));
  return files;
}

function judged(pipeline: GitlabPipeline, files: readonly GitlabCiFileModel[]): GitlabPipelineFacts {
  const table = pipelineTable(pipeline, files);
  const jobCount = [...table.definitions.keys()].filter((name) => !name.startsWith('.')).length;
  return { ...pipeline, tests: gitlabPipelineTestRun(pipeline, table).kind, jobCount };
}

/** The job table of a pipeline, from the files' models (`replace`: a newer model of one of them, e.g. the editor's unsaved document). */
export function pipelineTable(pipeline: GitlabPipeline, files: readonly GitlabCiFileModel[], replace?: GitlabCiFileModel): GitlabJobTable {
  const byPath = new Map(files.map((file) => [file.path, file]));
  if (replace) byPath.set(replace.path, replace);
  const ordered = pipeline.files.flatMap((path) => {
    const model = byPath.get(path);
    return model ? [model] : [];
  });
  return gitlabJobTable(ordered, pipeline.unread.length === 0, true);
}

/** What a file's rules know of the pipeline it belongs to. */
export interface GitlabFileContext {
  /** The pipeline that reads the file, judged; undefined for a file no pipeline that was read includes. */
  pipeline?: GitlabPipelineFacts;
  table: GitlabJobTable;
}

/**
 * The context of one file: the pipeline that reads it (from the facts, with
 * the file's own current model in place of the one the facts were built
 * from), or, when the facts know of none, the file judged alone — a
 * `.gitlab-ci.yml` as its own pipeline, an included file as a fragment whose
 * pipeline is unknown.
 */
export function gitlabFileContext(model: GitlabCiFileModel, facts: GitlabCiFacts | undefined): GitlabFileContext {
  const known = facts ? pipelineOf(facts.pipelines, model.path) : undefined;
  if (known && facts) return { pipeline: known, table: pipelineTable(known, facts.files, model) };
  if (isGitlabPipelineRoot(model.path)) {
    const alone = gitlabCiFacts([...(facts?.files ?? []).filter((file) => file.path !== model.path), model]);
    const pipeline = pipelineOf(alone.pipelines, model.path);
    if (pipeline) return { pipeline, table: pipelineTable(pipeline, alone.files) };
  }
  return { table: gitlabJobTable([model], false, false) };
}
