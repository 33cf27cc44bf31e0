import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { followAliases, throughAlias } from '../../rules/yaml/aliasTargets';
import { findPair, mapEntries, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';

/**
 * The one model of a GitHub Actions file (a workflow, or an action's `action.yml`): its
 * triggers, jobs and steps picked out of the parsed YAML once per parse, and shared by
 * every reader of that parse. The rules read it as nodes (findings and fixes need their
 * ranges, see rules/github-actions/workflow.ts); the evidence scan, the workspace facts
 * and the deployment digests read the plain view built from it (githubWorkflowModel.ts).
 * A scan hands one parse of a file to both sides, so both judge the same jobs and steps.
 *
 * Aliases are followed as GitHub follows them (anchors and aliases are part of workflow
 * syntax since August 2025): a job, its `steps:`, a step or a value written `*name` is the
 * anchored node, with the anchor's ranges (where the setting is written, and where a fix
 * belongs). The whole parse is linked once (rules/yaml/aliasTargets.ts), so the rules'
 * own reads of a job or step see through aliases too. Merge keys (`<<: *defaults`) are
 * not: GitHub rejects them, so a workflow that uses one does not run as it reads.
 */
export interface GithubActionsFileModel {
  file: YamlFile;
  root: YAMLMap<Node, Node | null>;
  /** Event names from `on:` (string, list or map form). */
  triggers: Set<string>;
  onPair?: Pair<Node, Node | null>;
  jobsPair?: Pair<Node, Node | null>;
  /** The jobs under `jobs:`, in file order (a job whose value is no map is left out). */
  jobs: WorkflowJob[];
  /** `runs:` when it is a map: the file is an action's metadata, not a workflow, when it has no `jobs:` besides. */
  runsPair?: Pair<Node, Node | null>;
  /** A composite action's steps (`runs.using: composite`), read as one job (id `composite`, map `runs:`). */
  composite?: WorkflowJob;
}

export interface WorkflowJob {
  id: string;
  pair: Pair<Node, Node | null>;
  map: YAMLMap<Node, Node | null>;
  /** The job's `name:` when it is a plain string. */
  name?: string;
  /** Job-level `uses:` — a reusable workflow call, which has no steps of its own. */
  uses?: Scalar;
  steps: WorkflowStep[];
}

export interface WorkflowStep {
  job: WorkflowJob;
  map: YAMLMap<Node, Node | null>;
  name?: string;
  uses?: Scalar;
  run?: Scalar;
}

/** One model per parse: a WeakMap, so a parse dropped by its owner (an editor's old document version) takes its model along. */
const MODELS = new WeakMap<YamlFile, GithubActionsFileModel | null>();

/** How many models were read since the process started: the proof, in tests, that a scan reads each file's model once. */
let modelsRead = 0;
export function githubActionsModelsRead(): number {
  return modelsRead;
}

/** The model of a parsed GitHub Actions file (read on first use, then shared), or undefined when its document is not a map. */
export function githubActionsModelOf(file: YamlFile): GithubActionsFileModel | undefined {
  let model = MODELS.get(file);
  if (model === undefined) {
    model = readModel(file) ?? null;
    modelsRead++;
    MODELS.set(file, model);
  }
  return model ?? undefined;
}

/** True for an action's metadata (`runs:` and no `jobs:`): only a composite one has steps to judge. */
export function isActionModel(model: GithubActionsFileModel): boolean {
  return model.runsPair !== undefined && model.jobsPair === undefined;
}

function readModel(file: YamlFile): GithubActionsFileModel | undefined {
  followAliases(file);
  const root = file.documents[0]?.contents;
  if (!isMap(root)) return undefined;
  const map = root as YAMLMap<Node, Node | null>;
  const onPair = findPair(map, 'on');
  const jobsPair = findPair(map, 'jobs');
  const model: GithubActionsFileModel = {
    file,
    root: map,
    triggers: readTriggers(onPair?.value),
    onPair,
    jobsPair,
    jobs: readJobs(jobsPair?.value),
  };
  const runsPair = findPair(map, 'runs');
  const runsValue = throughAlias(runsPair?.value);
  if (runsPair && isMap(runsValue)) {
    model.runsPair = runsPair;
    const runs = runsValue as YAMLMap<Node, Node | null>;
    if (scalarString(findPair(runs, 'using')?.value)?.trim() === 'composite') {
      const job: WorkflowJob = { id: 'composite', pair: runsPair, map: runs, steps: [] };
      readSteps(job, findPair(runs, 'steps')?.value);
      model.composite = job;
    }
  }
  return model;
}

function readTriggers(on: unknown): Set<string> {
  const triggers = new Set<string>();
  const single = scalarString(on);
  if (single !== undefined) triggers.add(single);
  for (const item of seqItems(on)) {
    const name = scalarString(item);
    if (name !== undefined) triggers.add(name);
  }
  for (const [name] of mapEntries(on)) triggers.add(name);
  return triggers;
}

function readJobs(jobs: unknown): WorkflowJob[] {
  const result: WorkflowJob[] = [];
  for (const [id, pair] of mapEntries(jobs)) {
    const value = throughAlias(pair.value);
    if (!isMap(value)) continue;
    const jobMap = value as YAMLMap<Node, Node | null>;
    const uses = throughAlias(findPair(jobMap, 'uses')?.value);
    const job: WorkflowJob = {
      id,
      pair,
      map: jobMap,
      name: scalarString(findPair(jobMap, 'name')?.value),
      uses: isScalar(uses) ? uses : undefined,
      steps: [],
    };
    readSteps(job, findPair(jobMap, 'steps')?.value);
    result.push(job);
  }
  return result;
}

function readSteps(job: WorkflowJob, given: unknown): void {
  const steps = throughAlias(given);
  if (!isSeq(steps)) return;
  for (const entry of steps.items) {
    const item = throughAlias(entry);
    if (!isMap(item)) continue;
    const stepMap = item as YAMLMap<Node, Node | null>;
    const stepUses = throughAlias(findPair(stepMap, 'uses')?.value);
    const run = throughAlias(findPair(stepMap, 'run')?.value);
    job.steps.push({
      job,
      map: stepMap,
      name: scalarString(findPair(stepMap, 'name')?.value),
      uses: isScalar(stepUses) ? stepUses : undefined,
      run: isScalar(run) ? run : undefined,
    });
  }
}
