import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { findPair, mapEntries } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import { isGitlabPipelineRoot } from '../../format/fileKinds';
import { GITLAB_GLOBAL_KEYWORDS } from '../../format/ci/gitlabKeywords';
import { gitlabPipelineDocument, readGitlabCiModel } from '../../format/ci/gitlabPipelineModel';
import type { GitlabCiFileModel, GitlabSetting } from '../../format/ci/gitlabPipelineModel';
import { gitlabFileContext } from '../../ci/gitlabCiTests';
import type { GitlabCiFacts, GitlabFileContext } from '../../ci/gitlabCiTests';
import { jobLineage, jobScript, jobSetting } from '../../ci/gitlabJobs';
import { deploysIn } from '../../ci/deployCommands';
import type { Lineage } from '../../ci/gitlabJobs';

/**
 * The parts of a GitLab CI file the rules read. Jobs are the top-level keys
 * that are not global keywords; hidden jobs (`.name`) are templates, kept
 * because other jobs `extends:` them. The YAML nodes place findings and
 * fixes; what a job inherits — through `extends:`, `default:` or from a file
 * of the same pipeline — is resolved on the pipeline's plain model (core/ci).
 */
export interface Pipeline {
  file: YamlFile;
  /**
   * False for a file the classifier counts as GitLab CI but that a pipeline
   * includes (`.gitlab/ci/*.yml`, `*.gitlab-ci.yml`): its jobs are checked,
   * but pipeline-wide rules are reported on the pipeline that includes it.
   */
  isPipelineRoot: boolean;
  root: YAMLMap<Node, Node | null>;
  /** The `default:` section, when it is a map. */
  defaults?: YAMLMap<Node, Node | null>;
  jobs: PipelineJob[];
  byName: Map<string, PipelineJob>;
  /** This file as plain data, and the pipeline it belongs to (its jobs merged across the pipeline's files). */
  model: GitlabCiFileModel;
  context: GitlabFileContext;
}

export interface PipelineJob {
  name: string;
  pair: Pair<Node, Node | null>;
  map: YAMLMap<Node, Node | null>;
  hidden: boolean;
}

/** Where a file analysed without a path is taken to be: a pipeline of its own. */
const UNKNOWN_PATH = '.gitlab-ci.yml';

/** The file's pipeline model; `gitlab`: the repository's GitLab CI read together (WorkspaceFacts), when known. */
export function readPipeline(file: YamlFile, path?: string, gitlab?: GitlabCiFacts): Pipeline | undefined {
  const maps = pipelineMaps(file);
  if (!maps) return undefined;
  const model = readGitlabCiModel(file, path ?? UNKNOWN_PATH);
  if (!model) return undefined;
  const context = gitlabFileContext(model, gitlab);
  return {
    file,
    // A `.gitlab-ci.yml` another pipeline includes (a monorepo's `services/api/.gitlab-ci.yml`, which the root
    // pipeline pulls in) is one of that pipeline's files: pipeline-wide findings go on the pipeline that includes it.
    isPipelineRoot: path === undefined || (isGitlabPipelineRoot(path) && (context.pipeline?.path ?? path) === path),
    ...maps,
    model,
    context,
  };
}

/** The maps of a GitLab CI file: what its scripts and the rules' findings are read from. */
export type PipelineMaps = Pick<Pipeline, 'root' | 'defaults' | 'jobs' | 'byName'>;

/** The file's top-level, `default:` and job maps, read once per parse (the rules and the CI digests read them alike). */
export function pipelineMaps(file: YamlFile): PipelineMaps | undefined {
  let maps = MAPS.get(file);
  if (maps === undefined) MAPS.set(file, (maps = readMaps(file) ?? null));
  return maps ?? undefined;
}

const MAPS = new WeakMap<YamlFile, PipelineMaps | null>();

function readMaps(file: YamlFile): PipelineMaps | undefined {
  const root = gitlabPipelineDocument(file)?.contents;
  if (!isMap(root)) return undefined;
  const map = root as YAMLMap<Node, Node | null>;
  const jobs: PipelineJob[] = [];
  for (const [name, pair] of mapEntries(map)) {
    if (GITLAB_GLOBAL_KEYWORDS.has(name) || !isMap(pair.value)) continue;
    jobs.push({ name, pair, map: pair.value as YAMLMap<Node, Node | null>, hidden: name.startsWith('.') });
  }
  const defaults = findPair(map, 'default')?.value;
  return {
    root: map,
    defaults: isMap(defaults) ? (defaults as YAMLMap<Node, Node | null>) : undefined,
    jobs,
    byName: new Map(jobs.map((job) => [job.name, job])),
  };
}

/** The job with everything it `extends:`, from any file of its pipeline (`complete` is false when a template was not read). */
export function lineage(pipeline: Pipeline, job: PipelineJob): Lineage {
  return jobLineage(pipeline.context.table, job.name);
}

/**
 * The value a job uses for a dotted key path (`interruptible`,
 * `artifacts.expire_in`): from the job, a template it extends or `default:`,
 * in whichever file of the pipeline they are written.
 */
export function resolved(pipeline: Pipeline, job: PipelineJob, path: string): GitlabSetting | undefined {
  return jobSetting(pipeline.context.table, job.name, path)?.value;
}

/** True when a job may take keywords from a `default:` that was not read (an included file whose pipeline is unknown). */
export function defaultsUnknown(pipeline: Pipeline): boolean {
  return !pipeline.context.table.defaultsKnown;
}

/** The stage a job runs in (GitLab's default is `test`). */
export function jobStage(pipeline: Pipeline, job: PipelineJob): string {
  const stage = resolved(pipeline, job, 'stage');
  return typeof stage === 'string' ? stage : 'test';
}

/**
 * A job that deploys, judged by what it runs (gitlab/deploy-environment): its name says deploy, it publishes
 * GitLab Pages from a deploy stage (the `pages` job, or `pages:`), or its scripts run a deploying command (core/ci/deployCommands:
 * `kubectl apply`, `helm upgrade`, `./deploy.sh`, `npm publish`…). A job that is only in a stage named deploy
 * deploys only when its scripts cannot be read (a `!reference` not followed, a template not read): `meson dist`
 * or building a toolbox image in the last stage deploys nothing.
 */
export function deploysSomething(pipeline: Pipeline, job: PipelineJob): boolean {
  if (/deploy/i.test(job.name)) return true;
  const deployStage = /deploy/i.test(jobStage(pipeline, job));
  // GitLab Pages publishes the site: in a deploy stage, as it was always judged (a docs stage's `pages` is left alone).
  if (deployStage && (job.name === 'pages' || resolved(pipeline, job, 'pages') !== undefined)) return true;
  const table = pipeline.context.table;
  const lineageOfJob = jobLineage(table, job.name);
  const scripts = (['before_script', 'script'] as const).map((keyword) => jobScript(table, job.name, keyword, lineageOfJob));
  if (scripts.some((script) => script.lines.some((line) => deploysIn(line.text)))) return true;
  const unreadable = !lineageOfJob.complete || scripts.some((script) => script.unknown !== undefined) || scripts[1].lines.length === 0;
  return unreadable && deployStage;
}

/** A job that deploys by its stage or its name (broad: jobs not to interrupt, see gitlab/job-interruptible). */
export function isDeployJob(pipeline: Pipeline, job: PipelineJob): boolean {
  return /deploy/i.test(jobStage(pipeline, job)) || /deploy/i.test(job.name);
}

/** A trigger (bridge) job starts another pipeline and runs no script of its own. */
export function isTriggerJob(pipeline: Pipeline, job: PipelineJob): boolean {
  return resolved(pipeline, job, 'trigger') !== undefined;
}

/** Every scalar line of a script keyword's value (a string, a list, or lists nested by anchors; not a `!reference`'s names). */
export function scriptLines(value: unknown, depth = 0): Scalar[] {
  if (isScalar(value)) return [value];
  if (!isSeq(value) || value.tag === '!reference' || depth > 10) return [];
  return value.items.flatMap((item) => scriptLines(item, depth + 1));
}

export const SCRIPT_KEYWORDS = ['before_script', 'script', 'after_script'] as const;

/** Every script scalar in the file: global, `default:` and every job's (hidden ones included). */
export function everyScriptLine(pipeline: PipelineMaps): readonly Scalar[] {
  // Several rules and the digest read them all: gathered once per parse (its root map; shared: never change it).
  let lines = SCRIPT_LINES.get(pipeline.root);
  if (!lines) {
    lines = [];
    const owners = [pipeline.root, ...(pipeline.defaults ? [pipeline.defaults] : []), ...pipeline.jobs.map((job) => job.map)];
    for (const owner of owners)
      for (const keyword of SCRIPT_KEYWORDS)
        if (owner !== pipeline.root || keyword !== 'script') lines.push(...scriptLines(findPair(owner, keyword)?.value));
    SCRIPT_LINES.set(pipeline.root, lines);
  }
  return lines;
}

const SCRIPT_LINES = new WeakMap<object, Scalar[]>();
