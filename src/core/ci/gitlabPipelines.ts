import { posixBasename, posixDirname, posixRelative } from '../fileSystem';
import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import { isGitlabPipelineRoot } from '../format/fileKinds';
import { linearGlobMatch } from '../glob/linearGlob';

/**
 * GitLab CI pipelines as GitLab runs them: a `.gitlab-ci.yml` and every file
 * it pulls in with `include: local:` (exact paths, `*`/`**` wildcards, the
 * string short form, nested includes), merged into one configuration. Decided
 * here once, from the format layer's file models, for the rules and the
 * evidence alike (see gitlabJobs.ts for jobs across those files, and
 * gitlabCiTests.ts for "does the pipeline run the tests?").
 *
 * What cannot be read — another project's file, a URL, a GitLab template, a
 * CI/CD component, a local path with a variable, a file the scan did not
 * read — leaves the pipeline partly unknown (`unread`): a rule then never
 * concludes that something is missing from it.
 */
export interface GitlabPipeline {
  /** The `.gitlab-ci.yml` the pipeline starts from. */
  path: string;
  /** Every file it reads, the highest precedence first: the root, then later includes before earlier ones (GitLab's merge order, reversed). */
  files: string[];
  /** What it includes but could not be read, as "template Auto-DevOps.gitlab-ci.yml"; empty when the whole pipeline was read. */
  unread: string[];
  /**
   * The project folder ('' for bare relative paths): its local includes are relative to it, and its jobs run in it.
   * The folder of its `.gitlab-ci.yml`, or of the parent's for a child pipeline (`services/api/.gitlab-ci.yml`
   * started by the repository's pipeline runs in the repository).
   */
  project: string;
}

/** GitLab's own limit on the number of includes of one pipeline. */
const MAX_INCLUDES = 150;

/**
 * One pipeline per `.gitlab-ci.yml` among the models, and one per child pipeline their jobs start from a
 * file that was read (`trigger: include: local:`), in path order. A child pipeline is judged as its own:
 * its `default:` and includes, not its parent's.
 */
export function gitlabPipelines(models: Iterable<GitlabCiFileModel>): GitlabPipeline[] {
  const byPath = new Map<string, GitlabCiFileModel>();
  for (const model of models) byPath.set(model.path, model);
  const known = knownFilesOf(byPath);
  const pipelines: GitlabPipeline[] = [];
  // The shallowest first: a repository's pipeline is read before a `.gitlab-ci.yml` below it that it may start as a child.
  const queue = [...byPath.values()]
    .filter((model) => isGitlabPipelineRoot(model.path))
    .sort((a, b) => depthOf(a.path) - depthOf(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((root) => ({ root, base: repositoryRootOf(root.path) }));
  const started = new Set<string>();
  while (queue.length > 0 && pipelines.length <= MAX_INCLUDES) {
    const { root, base } = queue.shift()!;
    if (started.has(root.path)) continue;
    started.add(root.path);
    const pipeline = pipelineFrom(root, base, byPath);
    pipelines.push(pipeline);
    for (const path of pipeline.files)
      for (const child of byPath.get(path)?.children ?? [])
        for (const target of localIncludeTargets(child.target, base, known))
          if (!started.has(target)) queue.unshift({ root: byPath.get(target)!, base });
  }
  return pipelines.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function depthOf(path: string): number {
  return path.split('/').length;
}

/** The files a scan has read, as local includes are resolved against them. */
export interface KnownFiles {
  has(path: string): boolean;
  /** Every path, for wildcards (`.gitlab/ci/*.yml`). */
  paths(): Iterable<string>;
}

function knownFilesOf(byPath: ReadonlyMap<string, unknown>): KnownFiles {
  return { has: (path) => byPath.has(path), paths: () => byPath.keys() };
}

function pipelineFrom(root: GitlabCiFileModel, base: string, byPath: ReadonlyMap<string, GitlabCiFileModel>): GitlabPipeline {
  const unread: string[] = [];
  const visited = new Set<string>([root.path]);
  const known = knownFilesOf(byPath);
  /** Files in GitLab's merge order: a file's includes before the file itself, earlier includes before later ones. */
  const mergeOrder: string[] = [];
  // Files included past the limit: GitLab refuses such a pipeline, so what it would run is not known.
  let pastLimit = 0;
  const visit = (model: GitlabCiFileModel, depth: number) => {
    for (const include of model.includes) {
      if (include.kind !== 'local') {
        unread.push(include.kind === 'unknown' ? 'an include it cannot name' : `${include.kind} ${include.target}`);
        continue;
      }
      for (const target of localIncludeTargets(include.target, base, known, unread)) {
        if (visited.has(target)) continue;
        if (visited.size > MAX_INCLUDES) {
          pastLimit++;
          continue;
        }
        visited.add(target);
        if (depth < MAX_INCLUDES) visit(byPath.get(target)!, depth + 1);
      }
    }
    mergeOrder.push(model.path);
  };
  visit(root, 0);
  if (pastLimit > 0)
    unread.push(
      `${pastLimit} more local ${pastLimit === 1 ? 'file' : 'files'}, past GitLab's limit of ${MAX_INCLUDES} includes a pipeline`,
    );
  return { path: root.path, files: mergeOrder.reverse(), unread, project: base };
}

/**
 * The files a local include (or a child pipeline's local file) names among those known, relative to the
 * project folder `base`; a reason in `unread` when it names files that are not known.
 */
export function localIncludeTargets(target: string, base: string, known: KnownFiles, unread: string[] = []): string[] {
  const relative = withoutLeading(target.trim());
  if (relative.includes('$')) {
    unread.push(`local ${target} (a path with a variable)`);
    return [];
  }
  if (!relative.includes('*')) {
    const path = joined(base, relative);
    if (known.has(path)) return [path];
    unread.push(`local ${target}, which was not read`);
    return [];
  }
  const pattern = gitlabWildcard(relative);
  const matches = [...known.paths()]
    .filter((path) => {
      const inRepository = base === '' ? path : posixRelative(base, path);
      return inRepository !== undefined && linearGlobMatch(inRepository, pattern);
    })
    .sort();
  // A wildcard may also match files the scan did not read as GitLab CI: only a match proves something was read.
  if (matches.length === 0) unread.push(`local ${target}, which matches no file that was read`);
  return matches;
}

/**
 * GitLab's wildcards (Ruby's fnmatch with FNM_PATHNAME) as a glob: `*` stays
 * within a folder, and `**` inside a name (`configs/**.yml`) also matches in
 * every folder below, as `configs/**\/*.yml` does.
 */
function gitlabWildcard(relative: string): string {
  return relative
    .split('/')
    .map((segment) => (segment !== '**' && segment.includes('**') ? `**/${segment.split('**').join('*')}` : segment))
    .join('/');
}

/** `/path`, `./path` and `path` all name the same file of the project. */
function withoutLeading(path: string): string {
  let start = 0;
  for (;;) {
    if (path.startsWith('/', start)) start += 1;
    else if (path.startsWith('./', start)) start += 2;
    else return path.slice(start);
  }
}

/** The project folder a pipeline's local includes are relative to: the folder of its `.gitlab-ci.yml` ('' for a bare name). */
export function repositoryRootOf(path: string): string {
  return path.includes('/') ? posixDirname(path) : '';
}

export function joined(base: string, relative: string): string {
  if (base === '') return relative;
  return base.endsWith('/') ? `${base}${relative}` : `${base}/${relative}`;
}

/** The pipeline that reads a file: the first, in path order, of those that include it (or start from it). */
export function pipelineOf<P extends GitlabPipeline>(pipelines: readonly P[], path: string): P | undefined {
  return pipelines.find((pipeline) => pipeline.files.includes(path));
}

/** ".gitlab-ci.yml, build.yml, test.yml, …": a pipeline's files in the order it reads them (the root, then its includes), named briefly for messages. */
export function pipelineFileNames(pipeline: GitlabPipeline, most = 4): string {
  const [root, ...included] = pipeline.files;
  const reading = [root, ...included.reverse()];
  return reading.slice(0, most).map(posixBasename).join(', ') + (reading.length > most ? ', …' : '');
}
