import type { ComposeFile } from '../compose/composeModel';
import type { DockerfileModel } from '../dockerfile/model';
import type { Workflow } from '../github-actions/workflow';
import type { Pipeline } from '../gitlab-ci/pipeline';
import type { ManifestFile } from '../kubernetes/manifestModel';
import type { TerraformContext } from '../terraform/context';
import type { FileKind, RawFinding, WorkspaceFacts } from '../types';
import type { RuleAnchor } from './ruleAnchors';

/**
 * What a rule of each file kind reads: the kind's model of one file, parsed
 * once for every rule. Only the Dockerfile takes the workspace facts as such
 * (its HEALTHCHECK advice changes under Kubernetes); the CI kinds read them
 * through their model (the repository's workflows, the including pipeline), and
 * Terraform through its module (the folder's other files, the modules calling it);
 * compose and Kubernetes rules never see them (see KINDS_READING_WORKSPACE_FACTS).
 */
export interface RuleInputs {
  dockerfile: [model: DockerfileModel, facts: WorkspaceFacts];
  compose: [compose: ComposeFile];
  kubernetes: [manifests: ManifestFile];
  'github-actions': [workflow: Workflow];
  'gitlab-ci': [pipeline: Pipeline];
  /** The file joined into its module (folder files, var/tfvars/locals, callers), read once for every rule. */
  terraform: [context: TerraformContext];
}

/** What a rule module writes: its metadata's id, its detection (ranges, messages, quick fixes) and its hover anchors. */
export interface RuleSpec<K extends FileKind> {
  /**
   * The id of the rule's entry in data/rules/<kind>.yml, which holds the rest
   * of its metadata (concern, stage, title, why, fix, peers, roles): metadata
   * stays data. The module's file name is the id's slug in camelCase.
   */
  ruleId: string;
  /** Reports every occurrence with its exact range, a specific message and, where one is safe, a quick fix. */
  detect(...input: RuleInputs[K]): RawFinding[];
  /**
   * The places the rule looks at, even where nothing is wrong, so the hover there explains what the stage asks
   * (the key `securityContext`, a RUN that installs packages). Each is a range, in the rule's own concern unless
   * it names another (`inConcern`, engine/ruleAnchors.ts), with an optional note; the analysis merges the
   * anchors of every rule at the same range and concern into one hover anchor naming them all, in registry
   * order. Same input as `detect`; a throw costs only this rule's anchors. Places several rules share are found
   * by a small helper beside `rules/` (`kubernetes/anchorPlaces.ts`). Places a concern cares about that no rule
   * looks at are the kind's concern anchors (`<kind>/concernAnchors.ts`).
   */
  anchors?(...input: RuleInputs[K]): RuleAnchor[];
}

/** One rule: the kind it reads, its metadata id and its detection. The kind's registry (generated) lists every module. */
export interface RuleModule<K extends FileKind = FileKind> extends RuleSpec<K> {
  readonly kind: K;
}

/**
 * Declares a rule of one file kind: `export const rule = defineRule('dockerfile', { ruleId, detect, anchors })`
 * in src/core/rules/<kind>/rules/<slug>.ts. The kind types the input of `detect` and `anchors`.
 */
export function defineRule<K extends FileKind>(kind: K, spec: RuleSpec<K> & ThisType<RuleSpec<K>>): RuleModule<K> {
  return { kind, ...spec };
}
