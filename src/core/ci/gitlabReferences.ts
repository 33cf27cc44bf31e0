import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import { isGitlabPipelineRoot } from '../format/fileKinds';
import { localIncludeTargets, repositoryRootOf } from './gitlabPipelines';
import type { KnownFiles } from './gitlabPipelines';

/**
 * The files GitLab reads as CI because a pipeline names them: what a
 * `.gitlab-ci.yml` pulls in with `include: local:` (and what those include),
 * and the child pipelines its jobs start (`trigger: include: local:`). Such
 * files are named freely (`ci/build.yml`, `templates/jobs.yml`,
 * `.gitlab/CI/release.yml`), so their name cannot tell the classifier what
 * they are: the pipeline that names them does. The scan, the rules and the
 * editor follow the references with this walk before they classify a file
 * (format/fileKinds, `FileKindContext.isGitlabIncluded`).
 *
 * The walk reads nothing itself: a caller hands it each file's model as it
 * reads it, and reads next the files the walk returns.
 */
export class GitlabReferences {
  /** Every file a pipeline names, with the project folder its own references are relative to. */
  private readonly bases = new Map<string, string>();

  constructor(private readonly known: KnownFiles) {}

  /** True when some pipeline includes the file or starts it as a child pipeline. */
  has(path: string): boolean {
    return this.bases.has(path);
  }

  /** The files pipelines name, in the order found (a child pipeline's `.gitlab-ci.yml` among them). */
  paths(): string[] {
    return [...this.bases.keys()];
  }

  /** Roots in the order to follow them: the shallowest first, so a parent sets the project of a child below it. */
  static inOrder<T extends { path: string }>(roots: readonly T[]): T[] {
    return [...roots].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  }

  /**
   * Notes what a pipeline root (`.gitlab-ci.yml`) or a file found before
   * names, and returns the files it names that were not found before (to
   * read, then `follow` in turn; a `.gitlab-ci.yml` among them may be a root
   * the caller follows already). A file that is neither is ignored: a
   * fragment no pipeline names is not GitLab CI by reference.
   */
  follow(model: Pick<GitlabCiFileModel, 'path' | 'includes' | 'children'>): string[] {
    const base = this.bases.get(model.path) ?? (isGitlabPipelineRoot(model.path) ? repositoryRootOf(model.path) : undefined);
    if (base === undefined) return [];
    const found: string[] = [];
    for (const include of [...model.includes, ...(model.children ?? [])]) {
      if (include.kind !== 'local') continue;
      for (const target of localIncludeTargets(include.target, base, this.known)) {
        if (this.bases.has(target) || this.bases.size >= MAX_REFERENCED) continue;
        // A `.gitlab-ci.yml` started as a child runs in this project: its own references are relative to it too.
        this.bases.set(target, base);
        // A `.gitlab-ci.yml` too (a monorepo's root pipeline includes `services/api/.gitlab-ci.yml`): the caller reads
        // it unless it already reads it as a pipeline root of its own.
        found.push(target);
      }
    }
    return found;
  }
}

/** GitLab's own limit is 150 includes per pipeline; a repository with several pipelines gets a few times that. */
const MAX_REFERENCED = 1000;
