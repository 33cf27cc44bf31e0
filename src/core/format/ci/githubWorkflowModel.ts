import { isMap, isScalar, Scalar } from 'yaml';
import type { Node } from 'yaml';
import { findPair, mapEntries, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';

/**
 * A GitHub Actions workflow (or a composite action) as plain data: what its
 * triggers are and, per job, the scripts it runs and the actions and reusable
 * workflows it calls. Read once from the parsed YAML by the same function for
 * the rules and for the evidence scan, so "does CI run the tests?" is decided
 * from the same facts on both sides (see core/ci/ciTestRuns.ts).
 */
export interface WorkflowModel {
  /** Absolute (or repository-relative) POSIX path of the file. */
  path: string;
  /** Event names under `on:`. */
  events: string[];
  /** Runs on branch pushes, pull requests or merge queues: what "CI" is. A tags-only push does not count. */
  ci: boolean;
  /** Can be called by other workflows (`on: workflow_call`). */
  callable: boolean;
  /** Zero-based lines of the `on:` and `jobs:` keys (where workflow-level findings are anchored). */
  onLine?: number;
  jobsLine?: number;
  jobs: WorkflowJobModel[];
}

export interface WorkflowJobModel {
  id: string;
  line: number;
  /** Job-level `uses:`: a reusable workflow, local (`./.github/workflows/x.yml`) or remote. */
  uses?: string;
  steps: WorkflowStepModel[];
}

export interface WorkflowStepModel {
  line: number;
  run?: ScriptText;
  /** Step-level `uses:`: an action, local (`./.github/actions/x`) or remote (`owner/repo@ref`). */
  uses?: string;
  /** The action's `with:` inputs that are scalars (some actions take a script: `run:`, `command:`). */
  inputs: Record<string, ScriptText>;
}

/** A script as written, and the zero-based line its first line of text is on. */
export interface ScriptText {
  text: string;
  line: number;
}

/** A composite action of the repository (`action.yml` with `runs.using: composite`). */
export interface CompositeActionModel {
  path: string;
  steps: WorkflowStepModel[];
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

/** The workflow model of a parsed workflow file, or undefined when its document is not a map. */
export function readWorkflowModel(file: YamlFile, path: string): WorkflowModel | undefined {
  const root = file.documents[0]?.contents;
  if (!isMap(root)) return undefined;
  const onPair = findPair(root, 'on');
  const jobsPair = findPair(root, 'jobs');
  const events = eventNames(onPair?.value);
  const model: WorkflowModel = {
    path,
    events,
    ci: events.some((event) => PULL_REQUEST_EVENTS.has(event)) || (events.includes('push') && pushesBranches(onPair?.value)),
    callable: events.includes('workflow_call'),
    jobs: [],
  };
  const onLine = lineOf(file, onPair?.key);
  const jobsLine = lineOf(file, jobsPair?.key);
  if (onLine !== undefined) model.onLine = onLine;
  if (jobsLine !== undefined) model.jobsLine = jobsLine;
  for (const [id, pair] of mapEntries(jobsPair?.value)) {
    if (!isMap(pair.value)) continue;
    const job: WorkflowJobModel = { id, line: lineOf(file, pair.key) ?? 0, steps: readSteps(file, findPair(pair.value, 'steps')?.value) };
    const uses = scalarString(findPair(pair.value, 'uses')?.value);
    if (uses !== undefined) job.uses = uses.trim();
    model.jobs.push(job);
  }
  return model;
}

/** The steps of a composite action, or undefined when the file is not one. */
export function readCompositeAction(file: YamlFile, path: string): CompositeActionModel | undefined {
  const runs = findPair(file.documents[0]?.contents, 'runs')?.value;
  if (scalarString(findPair(runs, 'using')?.value) !== 'composite') return undefined;
  return { path, steps: readSteps(file, findPair(runs, 'steps')?.value) };
}

/** `action.yml` / `action.yaml`: the names GitHub reads an action from. */
export function isActionFileName(name: string): boolean {
  return name === 'action.yml' || name === 'action.yaml';
}

function readSteps(file: YamlFile, steps: unknown): WorkflowStepModel[] {
  const result: WorkflowStepModel[] = [];
  for (const item of seqItems(steps)) {
    if (!isMap(item)) continue;
    const step: WorkflowStepModel = { line: lineOf(file, item as Node) ?? 0, inputs: {} };
    const run = scriptText(file, findPair(item, 'run')?.value);
    if (run) step.run = run;
    const uses = scalarString(findPair(item, 'uses')?.value);
    if (uses !== undefined) step.uses = uses.trim();
    for (const [name, pair] of mapEntries(findPair(item, 'with')?.value)) {
      const input = scriptText(file, pair.value);
      if (input) step.inputs[name] = input;
    }
    result.push(step);
  }
  return result;
}

/** A scalar's text and the line its text starts on (the line after a `|` or `>` block indicator). */
function scriptText(file: YamlFile, node: Node | null | undefined): ScriptText | undefined {
  if (!isScalar(node)) return undefined;
  const text = scalarString(node);
  const line = lineOf(file, node);
  if (text === undefined || line === undefined) return undefined;
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  return { text, line: block ? line + 1 : line };
}

function lineOf(file: YamlFile, node: Node | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  return file.mapper.range(node.range[0], node.range[0]).start.line;
}

/** `on: push`, `on: [push, pull_request]` or `on: {push: …}`. */
function eventNames(on: unknown): string[] {
  const single = scalarString(on);
  if (single !== undefined) return [single];
  const listed = seqItems(on)
    .map(scalarString)
    .filter((name): name is string => name !== undefined);
  return listed.length > 0 ? listed : mapEntries(on).map(([name]) => name);
}

/** A `push:` trigger that reacts to branch pushes: `push: {tags: [...]}` alone runs on tags only. */
function pushesBranches(on: unknown): boolean {
  const push = findPair(on, 'push')?.value;
  if (!isMap(push)) return true;
  return (
    findPair(push, 'tags') === undefined || findPair(push, 'branches') !== undefined || findPair(push, 'branches-ignore') !== undefined
  );
}
