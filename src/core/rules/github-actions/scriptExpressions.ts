/**
 * What the script-expression rules share (gha/untrusted-expression-in-run,
 * gha/input-expression-in-run): finding `${{ }}` expressions in `run:` scripts
 * and code inputs of known actions, the shell a step runs, and the fix that
 * moves the expressions into the step's `env:`.
 */
import { isMap, isScalar, Scalar } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { TextEdit } from '../../text';
import type { RawFinding, RuleFix } from '../types';
import { anchoredEdits, insertAtPath, yamlScalar } from '../yaml/yamlEdits';
import { throughAlias } from '../yaml/aliasTargets';
import { findPair, getPath, getValue, mapEntries, scalarString, seqItems } from '../yaml/yamlSupport';
import { findingAt } from '../ci/findings';
import { shellFamily, variableReplacement } from './scriptQuoting';
import type { ShellFamily } from './scriptQuoting';
import { envNameFor, findUntrustedExpressions } from './untrustedContexts';
import type { Expression, IndirectClassifier } from './untrustedContexts';
import { actionName, allSteps } from './workflow';
import type { Workflow, WorkflowJob, WorkflowStep } from './workflow';

/**
 * The findings of one script-expression rule: in every `run:` and code input
 * of the workflow's steps, the expressions `classify` picks for that step
 * (plus, with `direct`, the untrusted contexts themselves), each with `message`.
 */
export function detectScriptExpressions(
  workflow: Workflow,
  ruleId: string,
  classifierFor: (step: WorkflowStep) => IndirectClassifier,
  message: (expression: Expression) => string,
  direct = true,
): RawFinding[] {
  const { file } = workflow;
  const findings: RawFinding[] = [];
  for (const step of allSteps(workflow)) {
    const script = step.run ?? codeInput(step);
    if (!script?.range) continue;
    const classify = classifierFor(step);
    const find = (text: string) => findUntrustedExpressions(text, classify).filter((found) => direct || found.via !== undefined);
    const source = file.text.slice(script.range[0], script.range[1]);
    const expressions = find(source);
    if (expressions.length === 0) continue;
    const fix = script === step.run ? moveToEnvFix(workflow, step, step.run, find) : undefined;
    for (const expression of expressions)
      findings.push(findingAt(file, ruleId, script.range[0] + expression.index, expression.text.length, message(expression), fix));
  }
  return findings;
}

/**
 * Action inputs whose value is code the action runs (JavaScript, a shell or
 * PowerShell script, a command line): a `${{ }}` in them is injected like one
 * in `run:`. Actions keyed by name without ref, lower-cased.
 */
const CODE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/github-script': ['script'],
  'azure/cli': ['inlinescript'],
  'azure/powershell': ['inlinescript'],
  'appleboy/ssh-action': ['script'],
  'nick-fields/retry': ['command', 'on_retry_command'],
  'nick-invision/retry': ['command', 'on_retry_command'],
  'jannekem/run-python-script-action': ['script'],
  'cardinalby/js-eval-action': ['expression'],
  'mathiasvr/command-output': ['run'],
};

function codeInput(step: WorkflowStep): Scalar | undefined {
  const inputs = CODE_INPUTS[actionName(step.uses) ?? ''];
  if (!inputs) return undefined;
  for (const [name, pair] of mapEntries(findPair(step.map, 'with')?.value)) {
    const value = throughAlias(pair.value);
    if (inputs.includes(name.toLowerCase()) && isScalar(value)) return value;
  }
  return undefined;
}

/** The shell that runs the step's script: its `shell:`, the job's or workflow's default, else the runner's. */
export function stepShell(workflow: Workflow, step: WorkflowStep): ShellFamily | undefined {
  const shell = scalarString(findPair(step.map, 'shell')?.value);
  if (shell !== undefined) return shellFamily(shell);
  // What the step does not say is the job's (or the workflow's), the same for each of its steps: read once per job.
  let family = JOB_SHELLS.get(step.job);
  if (family === undefined) JOB_SHELLS.set(step.job, (family = jobShell(workflow, step.job) ?? null));
  return family ?? undefined;
}

/** Per job of the file's model (a new parse has new jobs, so an answer cannot outlive the text it read). */
const JOB_SHELLS = new WeakMap<WorkflowJob, ShellFamily | null>();

/** The shell a job's steps run by default: its `defaults.run.shell`, the workflow's, else the runner's. */
function jobShell(workflow: Workflow, job: WorkflowJob): ShellFamily | undefined {
  const shell =
    scalarString(getPath(job.map, ['defaults', 'run', 'shell'])) ?? scalarString(getPath(workflow.root, ['defaults', 'run', 'shell']));
  if (shell !== undefined) return shellFamily(shell);
  const runsOn = findPair(job.map, 'runs-on')?.value;
  const labels = [runsOn, ...seqItems(runsOn), ...seqItems(getPath(runsOn, ['labels'])), getPath(runsOn, ['labels'])]
    .map(scalarString)
    .filter((label): label is string => label !== undefined);
  // A runner chosen by expression (`${{ matrix.os }}`) may be Windows (PowerShell) or not (bash).
  if (labels.length === 0 || labels.some((label) => label.includes('${{'))) return undefined;
  return labels.some((label) => /windows/i.test(label)) ? 'powershell' : 'posix';
}

/** The script text between the scalar's quotes, when it can be edited as written (no escapes, no folding). */
function editableBody(text: string, run: Scalar): { offset: number; text: string } | undefined {
  const [start, end] = run.range!;
  const source = text.slice(start, end);
  if (run.type === Scalar.QUOTE_DOUBLE || run.type === Scalar.QUOTE_SINGLE) {
    const inner = source.slice(1, -1);
    const escaped = run.type === Scalar.QUOTE_DOUBLE ? inner.includes('\\') : inner.includes("''");
    if (escaped || inner.includes('\n')) return undefined;
    return { offset: start + 1, text: inner };
  }
  return { offset: start, text: source };
}

/** A variable reference written inside the YAML scalar that holds the script. */
function encodeForScalar(reference: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_DOUBLE) return reference.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (type === Scalar.QUOTE_SINGLE) return reference.replace(/'/g, "''");
  return reference;
}

function envNames(map: unknown): string[] {
  return mapEntries(findPair(map, 'env')?.value).map(([name]) => name);
}

/**
 * Replaces each untrusted `${{ … }}` in the step's script by an environment
 * variable and declares the variable in the step's `env:`, reusing an existing
 * entry that already holds the same expression. Undefined when the shell or the
 * script's quoting cannot be handled mechanically.
 */
function moveToEnvFix(workflow: Workflow, step: WorkflowStep, run: Scalar, find: (text: string) => Expression[]): RuleFix | undefined {
  const { file } = workflow;
  const shell = stepShell(workflow, step);
  const body = shell ? editableBody(file.text, run) : undefined;
  if (!shell || !body) return undefined;
  const envValue = getValue(step.map, 'env');
  if (envValue && !isMap(envValue) && !(isScalar(envValue) && envValue.value === null)) return undefined;

  const existing = new Map(mapEntries(envValue).map(([name, pair]) => [scalarString(pair.value), name] as const));
  const taken = new Set([...envNames(step.map), ...envNames(step.job.map), ...envNames(workflow.root)]);
  const variableOf = new Map<string, string>();
  const newEntries: Record<string, string> = {};
  const expressions = find(body.text);
  for (const expression of expressions) {
    if (variableOf.has(expression.text)) continue;
    // `${{ env.TITLE }}`: the variable is in the step's environment already.
    if (expression.via?.startsWith('env.') && expression.text.slice(3, -2).trim() === expression.via) {
      variableOf.set(expression.text, expression.via.slice(4));
      continue;
    }
    const reused = existing.get(expression.text);
    if (reused !== undefined) {
      variableOf.set(expression.text, reused);
      continue;
    }
    const base = envNameFor(expression.via ?? expression.untrusted);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    variableOf.set(expression.text, name);
    newEntries[name] = yamlScalar(expression.text);
  }

  const edits: TextEdit[] = [];
  for (const expression of expressions) {
    const replacement = variableReplacement(body.text, expression.index, expression.text.length, variableOf.get(expression.text)!, shell);
    if (replacement === undefined) return undefined;
    edits.push({
      range: file.mapper.range(body.offset + replacement.start, body.offset + replacement.end),
      newText: encodeForScalar(replacement.text, run.type),
    });
  }
  if (Object.keys(newEntries).length > 0) {
    const declare = insertAtPath(file, step.map as YAMLMap<Node, Node | null>, ['env'], newEntries, { before: 'run' });
    if (declare.length === 0) return undefined;
    edits.push(...declare);
  }
  const names = [...new Set(variableOf.values())].map((name) => `\`${name}\``).join(', ');
  return { title: `Pass untrusted values through env: ${names}`, edits: anchoredEdits(file, edits) };
}
