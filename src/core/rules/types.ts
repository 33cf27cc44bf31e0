import type { StageId } from '../stages';
import type { ParseProblem, Range, TextEdit } from '../text';

import type { RepositoryCiTests } from '../ci/ciTestRuns';
import type { GitlabCiFacts } from '../ci/gitlabCiTests';
import type { TerraformWorkspace } from '../format/terraform/terraformWorkspace';
import type { FileKind } from '../format/fileKinds';
import type { FileDigest, FindingSubject, Role, RoleVerdict } from '../deployment/types';

// The kinds are decided by the format layer's one classifier (shared with the evidence scan).
export { FILE_KINDS } from '../format/fileKinds';
export type { FileKind } from '../format/fileKinds';

/**
 * A rule's declared metadata. Lives in data/rules/<kind>.yml, never in code:
 * the code only supplies the detection function for an id.
 */
export interface RuleMeta {
  /** "<kind-prefix>/<slug>", e.g. "docker/non-root-user", "gha/top-level-permissions". */
  id: string;
  kind: FileKind;
  /** A concern id from the matrix, e.g. "security". */
  concern: string;
  /** The lowest stage at which the rule matters. */
  from: StageId;
  /** One line, imperative or descriptive: "Final stage runs as root". */
  title: string;
  /** One or two sentences: why it matters (at `from` and above). */
  why: string;
  /** What to do about it. */
  fix: string;
  /** Ids of the same check in other tools: "hadolint:DL3002", "checkov:CKV_DOCKER_3", "kube-linter:run-as-non-root". */
  peers: string[];
  /** Caps the severity when due: "info" for purely cosmetic rules (e.g. MAINTAINER). Default "warning". */
  dueSeverity?: 'warning' | 'info';
  /**
   * The roles of deployable units the rule applies to (see core/deployment):
   * a test image is not asked for a HEALTHCHECK, a database not for two
   * replicas. Every role when absent.
   */
  roles?: Role[];
  /**
   * For a rule whose demand rises with the stage (replicas: 2 in production,
   * 3 at scale): the value asked from each stage on, lowest stage first (the
   * first at `from`). Its detector reads them and reports one finding with a
   * step per threshold the occurrence falls short of (RawFinding.steps); the
   * evaluator reports the step of the stage that governs the file.
   */
  thresholds?: RuleThreshold[];
}

export interface RuleThreshold {
  from: StageId;
  value: number;
  /**
   * The id of the rule that checked this threshold before the rules were
   * merged (`k8s/replicas-at-least-3`): `.stage.yml` `rules:` and waivers and
   * inline `stage-guide: ignore` comments naming it still apply to this step.
   */
  formerId?: string;
}

/** A quick fix: a title and minimal text edits on the same document. */
export interface RuleFix {
  title: string;
  edits: TextEdit[];
  /**
   * Set when a scan kept only the title (`fixes: 'titles'`, the editor's scans): the fix had edits, and whoever
   * applies it builds them again from the file as it is then (the upgrades checklist's "Apply fix").
   */
  editsNotKept?: true;
}

/** What a detection function reports, before stage and configuration are applied. */
export interface RawFinding {
  ruleId: string;
  /** The exact range the finding is about (a keyword, a key, a value). */
  range: Range;
  /** A specific message for this occurrence; the rule's title when omitted. */
  message?: string;
  fix?: RuleFix;
  /** What the finding is about, so the workspace judge can find the same unit in other files. */
  subject?: FindingSubject;
  /** The role the judge assumed for the subject, and why. */
  role?: RoleVerdict;
  /** Other places the finding was judged from (the overlay that also defines the service, the compose file that builds the image). */
  related?: RelatedPlace[];
  /**
   * For a rule with `thresholds`: one step per threshold this occurrence falls
   * short of, lowest stage first, each saying what that stage asks (`message`
   * and `fix` above are the first step's). The evaluator reports one of them:
   * the highest stage that governs the file, or else the first, as next/later.
   */
  steps?: FindingStep[];
  /**
   * For a setting a compose service lacks: the defaults it merges (`<<: *defaults`),
   * where the fix would serve every service that merges them. The workspace
   * judge reports the services lacking it through the same defaults once, there.
   */
  shared?: SharedDefaults;
}

/** Defaults shared by merge (`x-defaults: &defaults`): where they are named, what a service lacks, and the fix in them. */
export interface SharedDefaults {
  /** The key that holds them (`x-snuba-defaults`), or the anchor's name. */
  name: string;
  range: Range;
  /** What is wrong with the services, for the message: "have no memory limit: …". */
  predicate: string;
  fix?: RuleFix;
}

/** What one stage of a rule with thresholds asks of one occurrence. */
export interface FindingStep {
  from: StageId;
  message: string;
  fix?: RuleFix;
}

/** A place in another file (or this one) that a finding was judged from. */
export interface RelatedPlace {
  path: string;
  line: number;
  message: string;
}

/**
 * A place in a file that a concern cares about, so the hover can explain the
 * stage's expectations there even when nothing is wrong ("lines no rule cares
 * about get no hover").
 */
export interface HoverAnchor {
  range: Range;
  concern: string;
  /** Rules that look at this place (for "what the next stage will check here"). */
  ruleIds: string[];
  /**
   * Optional advice for this place when no rule reports here on purpose, e.g. a
   * Dockerfile without HEALTHCHECK whose image runs under Kubernetes probes.
   */
  note?: string;
}

/** Facts about the workspace that change what a file-level rule should say. */
export interface WorkspaceFacts {
  /** True when the workspace has Kubernetes workload manifests (then Dockerfile HEALTHCHECK is moot: probes are used). */
  deploysWithKubernetes: boolean;
  /**
   * Whether the repository's GitHub CI workflows, judged together, run the
   * tests (core/ci/ciTestRuns). Undefined when the workflows are not known: a
   * workflow analysed alone is then judged as the repository's only one.
   */
  githubCiTests?: RepositoryCiTests;
  /**
   * The repository's GitLab CI files and pipelines, read together
   * (core/ci/gitlabCiTests): a file's jobs are judged as part of the pipeline
   * that includes it. Undefined when not known: a file is then judged alone.
   */
  gitlabCi?: GitlabCiFacts;
  /**
   * The workspace's Terraform files, so a `.tf` file is judged as part of its module (variables, tfvars,
   * locals in other files of its folder). Undefined when not known: the file is then judged alone.
   */
  terraform?: TerraformWorkspace;
}

export const NO_WORKSPACE_FACTS: WorkspaceFacts = { deploysWithKubernetes: false };

// Defined beside Range so that the YAML support (which the CI model below builds on) needs nothing from here.
export type { ParseProblem } from '../text';

/** The stage-independent result of analysing one file. Cache it per document version. */
export interface FileAnalysis {
  kind: FileKind;
  findings: RawFinding[];
  anchors: HoverAnchor[];
  parseProblems: ParseProblem[];
  /** Rule ids suppressed by inline comments, per zero-based line ("*" = every rule), and file-wide. */
  suppressions: InlineSuppressions;
  /** What the workspace model needs of this file (paths filled in by `analyzeFile`). */
  digests?: FileDigest[];
  /**
   * With `anchors: 'on-demand'`: makes the analyzer's hover anchors, which `anchors` then lacks (it holds only what
   * was added to the analysis later, the judge's notes). The editor calls it on the first hover of a document
   * version (guidance/fileGuidance.ts `withHoverAnchors`).
   */
  anchorsOnDemand?: () => HoverAnchor[];
}

/** Read-only: most files have none, and share one empty value (emptySuppressions). */
export interface InlineSuppressions {
  /** line → rule ids suppressed on that line ("*" for all rules). */
  readonly byLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** Rule ids suppressed for the whole file ("*" for all rules). */
  readonly fileWide: ReadonlySet<string>;
}

/** What an analysis may leave out for a caller that never reads it. */
export interface AnalyzerOptions {
  /**
   * False: no hover anchors (`anchors` stays empty, and an anchor that fails names no problem). A workspace scan
   * shows no hovers and drops them (fileProducts' keptForAssessment): at 100k files, making them was a seventh of the rules' CPU.
   * 'on-demand': made when first asked for (`anchorsOnDemand`; a failing one names no problem either): the
   * editor's diagnostics, redone as the user types, never read them; its hovers do.
   */
  anchors?: boolean | 'on-demand';
  /**
   * 'on-demand': a quick fix's edits are built when `fix.edits` is first read (engine/fixesOnDemand.ts), so a
   * finding may carry a fix that turns out to have no edits. The editor's analysis of an open file: its diagnostics
   * never read the edits, its code actions read those of the finding at hand. By default every fix is plain data
   * with its edits, and a finding whose fix would have none has no fix.
   */
  fixes?: 'edits' | 'on-demand';
  /**
   * False: no digests (`digests` stays undefined). The editor's analysis of an open file is judged by the workspace
   * model the last scan built (judgeAnalysis), and nothing in the editor reads the file's own digests: reading a
   * large file's compose services, workloads or CI commands for them was a tenth of its analysis beyond the parse.
   */
  digests?: boolean;
}

/**
 * Analyses one kind of file: parses it once with the real parser, runs every
 * detector of that kind, collects hover anchors and inline suppressions.
 * Never throws: parse failures become `parseProblems`.
 */
export interface KindAnalyzer {
  kind: FileKind;
  /**
   * Every rule id this analyzer can report. The engine's catalog test checks
   * it against data/rules/<kind>.yml both ways (a rule without a detector, or a
   * detector without metadata, fails the build).
   */
  ruleIds?: readonly string[];
  /** `path`, when given, is the file's absolute POSIX path (workspace-level rules report in one chosen file). */
  analyze(text: string, facts: WorkspaceFacts, path?: string, options?: AnalyzerOptions): FileAnalysis;
}
