/**
 * A small taint flow inside one workflow: which `env.*`, `matrix.*`,
 * `steps.*.outputs.*` and `needs.*.outputs.*` values carry attacker-controlled
 * text (an issue title, a branch name…) from where it entered. A script that
 * pastes `${{ env.TITLE }}` is as injectable as one that pastes
 * `${{ github.event.issue.title }}`; a script that reads `"$TITLE"` is not.
 *
 * Only what is visible in the file is followed: values set by `${{ }}`
 * expressions, and step outputs written by a `run:` script
 * (`echo "title=$TITLE" >> "$GITHUB_OUTPUT"`). Actions' own outputs are unknown
 * and taken as clean (precision first).
 */
import { isMap } from 'yaml';
import { findPair, getPath, mapEntries, scalarString, seqItems } from '../yaml/yamlSupport';
import { wordExpansions } from '../../format/shell/shellExpansions';
import { fileCommandWrites, writtenName } from './fileCommands';
import { findUntrustedExpressions } from './untrustedContexts';
import type { Workflow, WorkflowJob, WorkflowStep } from './workflow';

/** Where a tainted value came from: the untrusted context it carries, e.g. "github.event.issue.title". */
export type Source = string;

/** Tainted names by kind, for one step. */
export interface TaintScope {
  env: Map<string, Source>;
  matrix: Map<string, Source>;
  /** "stepId.output" */
  steps: Map<string, Source>;
  /** "jobId.output" */
  needs: Map<string, Source>;
}

/** An indirect reference found in an expression: what it names and the untrusted context behind it. */
export interface IndirectReference {
  /** As written, e.g. "env.TITLE" or "steps.meta.outputs.title". */
  via: string;
  source: Source;
}

const INDIRECT = /(?<![\w.])(env|matrix|steps|needs)\.([A-Za-z_][\w-]*)(?:\.outputs\.([A-Za-z_][\w-]*))?/g;

/** The first indirect reference to tainted data in an expression body, if any. */
export function taintedReference(expression: string, scope: TaintScope): IndirectReference | undefined {
  INDIRECT.lastIndex = 0;
  for (let match = INDIRECT.exec(expression); match; match = INDIRECT.exec(expression)) {
    const [via, kind, name, output] = match;
    let source: Source | undefined;
    if (kind === 'env') source = scope.env.get(name);
    else if (kind === 'matrix') source = scope.matrix.get(name);
    else if (output !== undefined) source = (kind === 'steps' ? scope.steps : scope.needs).get(`${name}.${output}`);
    if (source !== undefined) return { via, source };
  }
  return undefined;
}

/** The untrusted context a text (an env value, a matrix entry) carries, directly or through tainted names. */
function carried(text: string, scope: TaintScope): Source | undefined {
  const direct = findUntrustedExpressions(text)[0];
  if (direct) return direct.untrusted;
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', open + 3)) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    const indirect = taintedReference(text.slice(open + 3, close), scope);
    if (indirect) return indirect.source;
  }
  return undefined;
}

/** Tainted entries of an `env:` map, read over (and overriding) the outer scope's. */
function readEnv(owner: unknown, outer: Map<string, Source>, scope: TaintScope): Map<string, Source> {
  const env = new Map(outer);
  for (const [name, pair] of mapEntries(findPair(owner, 'env')?.value)) {
    const source = carried(scalarString(pair.value) ?? '', { ...scope, env: outer });
    if (source !== undefined) env.set(name, source);
    else env.delete(name);
  }
  return env;
}

/** Matrix keys one of whose values (or `include:` entries) carries untrusted data. */
function readMatrix(job: WorkflowJob, scope: TaintScope): Map<string, Source> {
  const matrix = new Map<string, Source>();
  const value = getPath(job.map, ['strategy', 'matrix']);
  if (!isMap(value)) return matrix;
  const note = (name: string, node: unknown) => {
    for (const item of [node, ...seqItems(node)]) {
      const source = carried(scalarString(item) ?? '', scope);
      if (source !== undefined && !matrix.has(name)) matrix.set(name, source);
    }
  };
  for (const [name, pair] of mapEntries(value)) {
    if (name === 'include') for (const entry of seqItems(pair.value)) for (const [key, inner] of mapEntries(entry)) note(key, inner.value);
    else if (name !== 'exclude') note(name, pair.value);
  }
  return matrix;
}

/** The tainted scope of every step, with the job outputs each job makes tainted. */
export interface WorkflowTaint {
  scopeOf(step: WorkflowStep): TaintScope;
}

/**
 * Follows the workflow's jobs in order (a job's `needs` come earlier in
 * practice; a second pass catches the others).
 */
export function readTaint(workflow: Workflow): WorkflowTaint {
  // Two rules read it per analysis: followed once per workflow, and only when a rule asks for a scope (a script
  // that has an expression or writes a file command), which most workflows never do.
  let taint = TAINTS.get(workflow);
  if (!taint) {
    let followed: WorkflowTaint | undefined;
    taint = { scopeOf: (step) => (followed ??= followTaint(workflow)).scopeOf(step) };
    TAINTS.set(workflow, taint);
  }
  return taint;
}

const TAINTS = new WeakMap<Workflow, WorkflowTaint>();

function followTaint(workflow: Workflow): WorkflowTaint {
  const needs = new Map<string, Source>();
  const scopes = new Map<WorkflowStep, TaintScope>();
  const workflowEnv = readEnv(workflow.root, new Map(), emptyScope(needs));
  for (let pass = 0; pass < 2; pass++) {
    for (const job of workflow.jobs) {
      const base = emptyScope(needs);
      base.matrix = readMatrix(job, { ...base, env: workflowEnv });
      base.env = readEnv(job.map, workflowEnv, base);
      for (const step of job.steps) {
        const scope: TaintScope = { ...base, steps: new Map(base.steps) };
        scope.env = readEnv(step.map, base.env, scope);
        scopes.set(step, scope);
        noteOutputs(step, scope, base.steps);
      }
      for (const [name, pair] of mapEntries(findPair(job.map, 'outputs')?.value)) {
        const source = carried(scalarString(pair.value) ?? '', base);
        if (source !== undefined) needs.set(`${job.id}.${name}`, source);
      }
    }
  }
  return { scopeOf: (step) => scopes.get(step) ?? emptyScope(needs) };
}

function emptyScope(needs: Map<string, Source>): TaintScope {
  return { env: new Map(), matrix: new Map(), steps: new Map(), needs };
}

/** Outputs a `run:` step writes from untrusted data: `echo "title=$TITLE" >> "$GITHUB_OUTPUT"`. */
function noteOutputs(step: WorkflowStep, scope: TaintScope, stepOutputs: Map<string, Source>): void {
  const id = scalarString(findPair(step.map, 'id')?.value);
  const script = scalarString(step.run);
  if (id === undefined || script === undefined) return;
  for (const write of fileCommandWrites(script)) {
    if (write.file !== 'GITHUB_OUTPUT') continue;
    for (const word of write.content) {
      const name = writtenName(word);
      const source = name === undefined ? undefined : wordSource(script.slice(word.start, word.end), scope);
      if (name !== undefined && source !== undefined) stepOutputs.set(`${id}.${name}`, source);
    }
  }
}

/** The untrusted data a script word expands: a `${{ }}` expression, or a `$VAR` whose env entry is tainted. */
export function wordSource(source: string, scope: TaintScope): Source | undefined {
  const expression = carried(source, scope);
  if (expression !== undefined) return expression;
  for (const { name } of wordExpansions(source)) {
    const tainted = scope.env.get(name);
    if (tainted !== undefined) return tainted;
  }
  return undefined;
}
