import { GitlabReferences } from '../../ci/gitlabReferences';
import { posixBasename, posixJoin, posixRelative } from '../../fileSystem';
import { readGitlabCiModel } from '../../format/ci/gitlabPipelineModel';
import type { GitlabCiFileModel } from '../../format/ci/gitlabPipelineModel';
import { isGitlabPipelineRoot, isYamlName } from '../../format/fileKinds';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { InheritedFile } from './inheritedFiles';
import { pathSet } from './pathSet';
import type { ScanReads } from './scanReads';
import { SharedParses } from './sharedParses';
import { textKey } from '../../textHashes';
import { forgottenWhenScansEnd } from '../../scanLifetime';

/** What the scan learns before it reads: which files pipelines name, and the ones outside the scope to read for them. */
export interface GitlabReferencedFiles {
  /** Absolute paths of the files a pipeline includes or starts as a child pipeline (see core/ci/gitlabReferences). */
  referenced: ReadonlySet<string>;
  /** Files a pipeline the scope inherits (the repository's `.gitlab-ci.yml`) names outside the scope: read as repository-level files. */
  outside: InheritedFile[];
}

/**
 * Follows the scope's GitLab pipelines before its files are read, so every
 * reader and the rules classify a file a pipeline includes (`ci/build.yml`)
 * as GitLab CI, whatever the order the walk found them in. Reads only the
 * pipelines and the YAML files they name (a few files; the readers take
 * their text from the scan's shared reads, and their parse through `parse`). A file of the scope that the
 * walk left out (an `ignore:` glob, `.gitignore`) stays out; a file outside
 * the scope, below the workspace root, is read for a pipeline the scope
 * inherits, as the repository's own CI files are; and so is a file in a
 * service nested in the scope (a monorepo's root pipeline includes each
 * service's `.gitlab-ci.yml`), which the walk of the scope does not list.
 */
export async function gitlabReferencedFiles(
  /** The scan's shared reads: what is read here is kept for the scope's readers (its own files) or the whole scan (files outside it). */
  reads: ScanReads,
  /** The scope's files, in lists as the scan has them (its walk's, those it inherits): not copied into one. */
  files: ReadonlyArray<ReadonlyArray<{ path: string }>>,
  /** `nestedScopes`: the folders of the services nested in the scope (the walk stopped at them; their files are not listed). */
  scope: { root: string; workspaceRoot: string; maxBytes: number; nestedScopes?: readonly string[] },
  parse: (text: string) => YamlFile | undefined,
  /** The scan's time budget (its TimeSlicer): a pipeline that includes hundreds of files is parsed with event-loop turns between them. */
  slicer?: { maybeYield(): Promise<void> },
): Promise<GitlabReferencedFiles> {
  // Tens of thousands of files in a large repository's own scope: looked at with event-loop turns between slices.
  const candidates: Array<{ path: string }> = [];
  for (const list of files)
    for (let index = 0; index < list.length; index++) {
      if ((index & 1023) === 1023) await slicer?.maybeYield();
      if (isGitlabPipelineRoot(list[index].path)) candidates.push(list[index]);
    }
  const roots = GitlabReferences.inOrder(candidates);
  if (roots.length === 0) return { referenced: new Set(), outside: [] };
  const listed = new Set<string>();
  for (const list of files) await pathSet(list, slicer, listed);
  const outsideScope = (path: string) => posixRelative(scope.root, path) === undefined && isInside(scope.workspaceRoot, path);
  // A monorepo's root pipeline includes each service's CI file (`services/api/.gitlab-ci.yml`): part of the pipeline,
  // though the service's own scan reads it as its file.
  const inNestedScope = (path: string) =>
    (scope.nestedScopes ?? []).some((nested) => posixRelative(nested, path) !== undefined) && isInside(scope.workspaceRoot, path);
  const references = new GitlabReferences({
    // An exact path outside the scope (or in a service nested in it) may be there: reading it tells.
    has: (path) => listed.has(path) || outsideScope(path) || inNestedScope(path),
    paths: () => listed,
  });
  const outside: InheritedFile[] = [];
  const outsidePaths = new Set<string>();
  // The repository's pipeline is followed again by every nested service (each inherits it): what it reaches is kept for
  // the scan. So is a file outside the scope, or in a nested service (read again by that service's scan); the scope's
  // own pipelines are read again by its readers only.
  const repositoryPipeline = posixJoin(scope.workspaceRoot, '.gitlab-ci.yml');
  const rootPaths = new Set(roots.map((root) => root.path));
  const pending = roots.map((root) => ({ path: root.path, shared: root.path === repositoryPipeline }));
  while (pending.length > 0) {
    await slicer?.maybeYield();
    const { path, shared } = pending.shift()!;
    if (!isYamlName(posixBasename(path))) continue;
    const read = await reads.read(path, scope.maxBytes, shared || !listed.has(path) ? 'scan' : 'scope');
    if (read.status !== 'ok') continue;
    if (!listed.has(path)) {
      // Not a link out of the repository: the file must really lie below the workspace root.
      const real = await reads.realPath(path);
      if (real === undefined || !isInside(scope.workspaceRoot, real)) continue;
      outside.push({ path, relative: posixRelative(scope.workspaceRoot, path)!, inherited: true });
      outsidePaths.add(path);
    }
    const links = pipelineLinks(read.text, (text) => {
      const parsed = parse(text);
      const model = parsed ? readGitlabCiModel(parsed, path) : undefined;
      return model ? { includes: model.includes, ...(model.children ? { children: model.children } : {}) } : undefined;
    });
    // A pipeline root the scope lists is followed as one already (it may be included too: a child pipeline's file).
    if (links) for (const next of references.follow({ path, ...links })) if (!rootPaths.has(next)) pending.push({ path: next, shared });
  }
  const referenced = new Set(references.paths().filter((path) => listed.has(path) || outsidePaths.has(path)));
  return { referenced, outside };
}

/**
 * What each pipeline text names (its `include:` entries and child pipelines: what the walk follows, nothing of
 * its jobs), by text. A monorepo's nested services each inherit the repository's `.gitlab-ci.yml` and follow it
 * again through every file it includes (hundreds of services' CI fragments): the same texts, whose parse the
 * scan's shared parses no longer hold by then. The links depend on the text alone (they are relative to the
 * pipeline the walk follows them from), so they are made once per text.
 */
const PIPELINE_LINKS = new SharedParses<PipelineLinks>(2048);
forgottenWhenScansEnd(() => PIPELINE_LINKS.forget());

type PipelineLinks = Pick<GitlabCiFileModel, 'includes' | 'children'> | undefined;

/**
 * The links of a pipeline text, kept across scans by its hashes (textKey: not the text): every rescan of a service
 * follows the repository's pipeline again, and parsing its files took 50 ms of a 450 ms rescan of the 100,000-file
 * bench tree. The links are a few paths per file; the last LINKS_KEPT texts' are kept.
 */
function pipelineLinks(text: string, make: (text: string) => PipelineLinks): PipelineLinks {
  const key = textKey(text);
  if (LINKS_BY_TEXT.has(key)) return LINKS_BY_TEXT.get(key);
  const links = PIPELINE_LINKS.get(text, make);
  LINKS_BY_TEXT.set(key, links);
  if (LINKS_BY_TEXT.size > LINKS_KEPT) LINKS_BY_TEXT.delete(LINKS_BY_TEXT.keys().next().value!);
  return links;
}

const LINKS_KEPT = 4096;
const LINKS_BY_TEXT = new Map<string, PipelineLinks>();

/** A path below `root` whose segments climb nowhere (`..`, `.`), so the string really names a file inside. */
function isInside(root: string, path: string): boolean {
  const relative = posixRelative(root, path);
  if (relative === undefined || relative === '') return false;
  return relative.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
