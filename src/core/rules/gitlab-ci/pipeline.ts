import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { findPair, getPath, mapEntries, scalarString, seqItems } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import { isGitlabPipelineRoot } from '../../format/fileKinds';
import { GITLAB_GLOBAL_KEYWORDS } from '../../format/ci/gitlabKeywords';

/**
 * The parts of a `.gitlab-ci.yml` the rules read. Jobs are the top-level keys
 * that are not global keywords; hidden jobs (`.name`) are templates, kept
 * because other jobs `extends:` them.
 */
export interface Pipeline {
  file: YamlFile;
  /**
   * False for a file the classifier counts as GitLab CI but that a pipeline
   * includes (`.gitlab/ci/*.yml`, `*.gitlab-ci.yml`): its jobs are checked,
   * but pipeline-wide rules wait for the pipeline that includes it.
   */
  isPipelineRoot: boolean;
  root: YAMLMap<Node, Node | null>;
  /** The `default:` section, when it is a map. */
  defaults?: YAMLMap<Node, Node | null>;
  jobs: PipelineJob[];
  byName: Map<string, PipelineJob>;
}

export interface PipelineJob {
  name: string;
  pair: Pair<Node, Node | null>;
  map: YAMLMap<Node, Node | null>;
  hidden: boolean;
}

/** Keywords a job takes from `default:` when it does not set them itself. */
const DEFAULTABLE = new Set([
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
  'artifacts',
  'interruptible',
  'timeout',
  'retry',
  'tags',
  'hooks',
  'id_tokens',
]);

export function readPipeline(file: YamlFile, path?: string): Pipeline | undefined {
  const root = pipelineDocument(file);
  if (!isMap(root)) return undefined;
  const map = root as YAMLMap<Node, Node | null>;
  const jobs: PipelineJob[] = [];
  for (const [name, pair] of mapEntries(map)) {
    if (GITLAB_GLOBAL_KEYWORDS.has(name) || !isMap(pair.value)) continue;
    jobs.push({ name, pair, map: pair.value as YAMLMap<Node, Node | null>, hidden: name.startsWith('.') });
  }
  const defaults = findPair(map, 'default')?.value;
  return {
    file,
    isPipelineRoot: path === undefined || isGitlabPipelineRoot(path),
    root: map,
    defaults: isMap(defaults) ? (defaults as YAMLMap<Node, Node | null>) : undefined,
    jobs,
    byName: new Map(jobs.map((job) => [job.name, job])),
  };
}

/**
 * The document holding the jobs: the first one, or — in a CI/CD component or a
 * file with `spec: inputs:` — the one after the `spec:` header document.
 */
function pipelineDocument(file: YamlFile): unknown {
  const [first, second] = file.documents.map((doc) => doc.contents);
  const isSpecHeader = isMap(first) && first.items.length > 0 && mapEntries(first).every(([key]) => key === 'spec');
  return isSpecHeader && second !== undefined ? second : first;
}

export interface Lineage {
  /** The job's map first, then the templates it extends, nearest (highest precedence) first. */
  maps: Array<YAMLMap<Node, Node | null>>;
  /** False when an `extends:` names a job not in this file (an include's): then the job's full configuration is unknown. */
  complete: boolean;
}

const MAX_EXTENDS_DEPTH = 11;

/** The job with everything it `extends:` (GitLab merges these; later entries of the list win). */
export function lineage(pipeline: Pipeline, job: PipelineJob): Lineage {
  const maps: Array<YAMLMap<Node, Node | null>> = [];
  let complete = true;
  const visit = (current: PipelineJob, depth: number, seen: Set<string>) => {
    maps.push(current.map);
    if (depth >= MAX_EXTENDS_DEPTH) return;
    const parents = extendsNames(current.map);
    for (const parentName of [...parents].reverse()) {
      const parent = pipeline.byName.get(parentName);
      if (!parent) complete = false;
      else if (!seen.has(parentName)) visit(parent, depth + 1, new Set([...seen, parentName]));
    }
  };
  visit(job, 0, new Set([job.name]));
  return { maps, complete };
}

function extendsNames(map: YAMLMap<Node, Node | null>): string[] {
  const value = findPair(map, 'extends')?.value;
  const single = scalarString(value);
  if (single !== undefined) return [single];
  return seqItems(value)
    .map(scalarString)
    .filter((name): name is string => name !== undefined);
}

/**
 * The node a job uses for a key path: from the job, a template it extends, or
 * `default:` (for keywords default can set, unless `inherit:` turns that off).
 */
export function resolved(pipeline: Pipeline, job: PipelineJob, path: readonly string[]): Node | null | undefined {
  const own = resolvedOwn(pipeline, job, path);
  if (own !== undefined) return own;
  if (pipeline.defaults && inheritsDefault(pipeline, job, path[0])) return getPath(pipeline.defaults, path);
  return undefined;
}

function inheritsDefault(pipeline: Pipeline, job: PipelineJob, keyword: string): boolean {
  if (!DEFAULTABLE.has(keyword)) return false;
  const inherit = resolvedOwn(pipeline, job, ['inherit', 'default']);
  if (inherit === undefined) return true;
  if (isScalar(inherit)) return inherit.value !== false;
  return seqItems(inherit).some((item) => scalarString(item) === keyword);
}

/** The node for a key path from the job or the templates it extends (not `default:`). */
function resolvedOwn(pipeline: Pipeline, job: PipelineJob, path: readonly string[]): Node | null | undefined {
  for (const map of lineage(pipeline, job).maps) {
    const value = getPath(map, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The stage a job runs in (GitLab's default is `test`). */
export function jobStage(pipeline: Pipeline, job: PipelineJob): string {
  return scalarString(resolved(pipeline, job, ['stage'])) ?? 'test';
}

/** A job that deploys: its stage or its name says so. */
export function isDeployJob(pipeline: Pipeline, job: PipelineJob): boolean {
  return /deploy/i.test(jobStage(pipeline, job)) || /deploy/i.test(job.name);
}

/** A trigger (bridge) job starts another pipeline and runs no script of its own. */
export function isTriggerJob(pipeline: Pipeline, job: PipelineJob): boolean {
  return resolved(pipeline, job, ['trigger']) !== undefined;
}

/** Every scalar line of a script keyword's value (a string, a list, or lists nested by anchors). */
export function scriptLines(value: unknown, depth = 0): Scalar[] {
  if (isScalar(value)) return [value];
  if (!isSeq(value) || depth > 10) return [];
  return value.items.flatMap((item) => scriptLines(item, depth + 1));
}

export const SCRIPT_KEYWORDS = ['before_script', 'script', 'after_script'] as const;

/** Every script scalar in the file: global, `default:` and every job's (hidden ones included). */
export function everyScriptLine(pipeline: Pipeline): Scalar[] {
  const owners = [pipeline.root, ...(pipeline.defaults ? [pipeline.defaults] : []), ...pipeline.jobs.map((job) => job.map)];
  return owners.flatMap((owner) =>
    SCRIPT_KEYWORDS.flatMap((keyword) =>
      owner === pipeline.root && keyword === 'script' ? [] : scriptLines(findPair(owner, keyword)?.value),
    ),
  );
}
