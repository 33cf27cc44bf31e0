import type { TerraformFile } from '../format/terraform/terraformFile';
import type { CompositeActionModel, WorkflowModel } from '../format/ci/githubWorkflowModel';
import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import type { TreeValue } from './parsers/locatedTree';

/**
 * What the readers extract from a service's files, before any signal is
 * decided. Readers only parse and record; the signal layer (data matchers and
 * a few derivations) decides what the facts mean.
 */

/** A place in the workspace: absolute POSIX path and, where it matters, a zero-based line. */
export interface SourceRef {
  path: string;
  line?: number;
}

export type Ecosystem = 'npm' | 'pypi' | 'go' | 'maven' | 'rubygems' | 'cargo' | 'composer';

export const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'pypi', 'go', 'maven', 'rubygems', 'cargo', 'composer'];

export interface DependencyFact {
  ecosystem: Ecosystem;
  /** As the ecosystem spells it: "@sentry/node", "structlog" (normalized), "go.uber.org/zap", "io.micrometer:micrometer-core". */
  name: string;
  at: SourceRef;
}

export interface ManifestFact {
  ecosystem: Ecosystem;
  path: string;
}

/** A YAML document with `apiVersion` and `kind` (Kubernetes, Istio, Argo, Backstage…). */
export interface ResourceFact {
  apiVersion: string;
  kind: string;
  name?: string;
  root: TreeValue;
  at: SourceRef;
}

/** Any parsed structured document (YAML, TOML, JSON) by path, for data matchers that look inside files. */
export interface StructuredFact {
  path: string;
  /** Relative to the scope root ("deploy/prometheus/rules.yml"). */
  relative: string;
  format: 'yaml' | 'toml' | 'json';
  root: TreeValue;
}

/** A `.tf` or `.tfvars` file, parsed once (format/terraform): blocks, top-level attributes, comments. */
export type TerraformFact = TerraformFile;

export interface ImageFact {
  image: string;
  at: SourceRef;
  source: 'dockerfile' | 'compose' | 'kubernetes' | 'ci' | 'helm';
}

export interface DockerfileStage {
  image: string;
  line: number;
  /** `AS name`, lower-cased. */
  alias?: string;
  /** The last USER of the stage, as written. */
  user?: { value: string; line: number };
}

export interface DockerfileFact {
  path: string;
  stages: DockerfileStage[];
  /** HEALTHCHECK of the final stage (`none` when it is `HEALTHCHECK NONE`). */
  healthcheck?: { line: number; none: boolean };
}

export interface ComposeService {
  name: string;
  line: number;
  image?: string;
  /** True when the service is built from source here (`build:`): the team's own app. */
  built: boolean;
  restart?: { value: string; line: number };
  healthcheck?: { line: number; disabled: boolean };
  environment: Array<{ key: string; line: number }>;
  command?: { text: string; line: number };
}

export interface ComposeFact {
  path: string;
  services: ComposeService[];
}

export interface CiCommand {
  text: string;
  /** Zero-based line of the step (`run:`, `script:`, `sh`). */
  line: number;
  /**
   * Zero-based line of the text's first line, when the reader knows it (a
   * Jenkinsfile's `sh '''…'''`). Without it, a multi-line text is a YAML block
   * scalar, whose text starts on the line after `line`.
   */
  textLine?: number;
}

export interface CiAction {
  /**
   * `owner/repo[/path]@ref` as written; GitLab template includes as
   * `template:<name>`; Azure Pipelines tasks as `task:<Name>@<version>`,
   * CircleCI orb jobs and commands as `orb:<orb>/<name>` (the orb's registry
   * name: `orb:circleci/aws-ecs/deploy-service-update`), Bitbucket pipes as
   * `pipe:<name>`, Travis deploy providers as `travis-deploy:<provider>`,
   * a Jenkinsfile's `docker.build(…)` as `jenkins:docker.build`.
   */
  uses: string;
  line: number;
  /** The action's `with:` values, joined (image tags live there). */
  inputs: string;
}

export interface CiJob {
  name: string;
  line: number;
  commands: CiCommand[];
  actions: CiAction[];
  /** Images of service containers the job starts (databases for integration tests). */
  services: Array<{ image: string; line: number }>;
  environment?: { name: string; line: number };
  /** Runs automatically on a branch push (any branch). */
  onPush: boolean;
  /** Runs automatically on pull / merge requests. */
  onPullRequest: boolean;
  /** Runs automatically on a push to main/master (or the default branch). */
  onMainPush: boolean;
  /** Runs on tags or releases. */
  onTags: boolean;
  /** Every value the job (and its workflow's trigger filters) mentions: used to attribute a root pipeline to a monorepo service by its path. */
  mentionedText: string;
}

/** The CI systems whose configuration the evidence reads. */
export type CiSystem = 'github' | 'gitlab' | 'travis' | 'circleci' | 'azure' | 'bitbucket' | 'jenkins';

export interface CiFact {
  path: string;
  system: CiSystem;
  jobs: CiJob[];
  /** Repository-level pipeline read from the workspace root for a nested service. */
  inherited: boolean;
  /** A GitHub workflow as the rules read it too: "CI runs the tests" is decided on it (core/ci/ciTestRuns). */
  workflow?: WorkflowModel;
  /** A GitLab CI file as the rules read it too: its pipeline and its jobs' tests are decided on it (core/ci/gitlabCiTests). */
  gitlab?: GitlabCiFileModel;
}

/** A heading of a Markdown document (README, docs). */
export interface HeadingFact {
  path: string;
  text: string;
  line: number;
}

/** A shell code block of a README (```bash … ```): commands the document tells a person to run. */
export interface DocumentScript {
  path: string;
  /** The block's commands, one per line as written (prompts `$ ` removed; output lines blank, so lines stay aligned). */
  text: string;
  /** Zero-based line of the block's first line of text. */
  line: number;
  /** The heading the block is under, if any. */
  heading?: string;
}

export interface CodeownersFact {
  path: string;
  rules: Array<{ pattern: string; owners: string[]; line: number }>;
  inherited: boolean;
}

/** Something found inside a text file by a reader that looks for one thing (a Makefile test target, an index in a migration). */
export interface TextHit {
  /** What was found: "makefile-test-target", "migration-index", "proto-versioned-package", "k6-script", … */
  what: string;
  at: SourceRef;
}

export interface EvidenceFacts {
  /** The scope root (the `.stage.yml` folder). */
  root: string;
  /** The workspace root: repository-level files are read there. */
  workspaceRoot: string;
  /** Every relevant file seen (presence-only ones too): absolute path → path relative to the folder it was found under (the scope root, or the workspace root for repository-level files). */
  files: Map<string, string>;
  manifests: ManifestFact[];
  dependencies: DependencyFact[];
  resources: ResourceFact[];
  structured: StructuredFact[];
  terraform: TerraformFact[];
  images: ImageFact[];
  /** Helm chart dependencies (Chart.yaml `dependencies[].name`). */
  charts: Array<{ name: string; at: SourceRef }>;
  dockerfiles: DockerfileFact[];
  compose: ComposeFact[];
  ci: CiFact[];
  /** Composite actions of the repository (`action.yml` with `runs.using: composite`): workflows that call them are followed. */
  compositeActions: CompositeActionModel[];
  headings: HeadingFact[];
  /** Shell code blocks of the README. Never CI evidence: a deploy written for a person is not a pipeline that deploys. */
  documentScripts: DocumentScript[];
  codeowners: CodeownersFact[];
  hits: TextHit[];
  /** package.json scripts, pyproject/engines runtime pins and the like, by what they are. */
  settings: Array<{ what: string; value: string; at: SourceRef }>;
  /** Files a reader could not parse (a malformed TOML manifest), where and why: they contributed nothing, and check says so. */
  parseProblems: Array<{ path: string; line: number; column: number; message: string }>;
  /** `.gitignore` verdict for the scope's `.env` (filled by the walker, which owns the ignore rules). */
  envFileIgnoredBy?: SourceRef;
  /**
   * Files a GitLab pipeline includes or starts as a child pipeline (`include: local: ci/build.yml`), found
   * before any file is read: GitLab CI whatever their names (core/ci/gitlabReferences).
   */
  gitlabIncluded?: ReadonlySet<string>;
}

export function emptyFacts(root: string, workspaceRoot: string): EvidenceFacts {
  return {
    root,
    workspaceRoot,
    files: new Map(),
    manifests: [],
    dependencies: [],
    resources: [],
    structured: [],
    terraform: [],
    images: [],
    charts: [],
    dockerfiles: [],
    compose: [],
    ci: [],
    compositeActions: [],
    headings: [],
    documentScripts: [],
    codeowners: [],
    hits: [],
    settings: [],
    parseProblems: [],
  };
}
