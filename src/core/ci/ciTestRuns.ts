import { posixDirname } from '../fileSystem';
import { withoutTrailing } from '../text';
import type {
  CompositeActionModel,
  ScriptText,
  WorkflowJobModel,
  WorkflowModel,
  WorkflowStepModel,
} from '../format/ci/githubWorkflowModel';
import { findTestCommand, lineInScript } from './testCommands';

/**
 * "Does CI run the tests?" for GitHub Actions, decided once for the rule
 * `gha/ci-runs-tests` and for the evidence "CI runs the tests": both call
 * these functions over the same workflow models (format/ci).
 *
 * A job runs the tests when one of its scripts does (see testCommands), when
 * it uses an action that runs a test suite, or when a reusable workflow or a
 * composite action of the repository that it calls does — those are followed.
 * What cannot be seen (a reusable workflow of another repository) leaves the
 * answer unknown rather than "no".
 *
 * Lint, scan, release and deploy workflows are not asked to run tests one by
 * one: the repository is, once (see `repositoryCiTests`).
 */

/** Where tests run: the file and zero-based line of the command or step, and what it is. */
export interface TestRun {
  path: string;
  line: number;
  detail: string;
}

export type TestRunVerdict = { kind: 'runs'; run: TestRun } | { kind: 'unknown'; reason: string } | { kind: 'none' };

/** The workflows and composite actions of one repository, by path. */
export interface WorkflowRepository {
  workflows: ReadonlyMap<string, WorkflowModel>;
  /** Composite actions by the folder that holds their action.yml. */
  actions: ReadonlyMap<string, CompositeActionModel>;
}

export function workflowRepository(workflows: Iterable<WorkflowModel>, actions: Iterable<CompositeActionModel> = []): WorkflowRepository {
  return {
    workflows: new Map([...workflows].map((workflow) => [workflow.path, workflow])),
    actions: new Map([...actions].map((action) => [posixDirname(action.path), action])),
  };
}

/** Actions that run a test suite themselves (Cypress, Playwright, test runners); not the ones that only publish reports. */
const TEST_ACTION = /^cypress-io\/github-action|playwright|(?:^|[/-])(?:tests?|testing)(?:[/-]|$)/;
const REPORTING_ACTION = /report|publish|result|summary|upload|coverage/;
/** `with:` inputs through which an action runs a script (`nick-fields/retry` command, `xvfb-action` run). */
const SCRIPT_INPUTS = ['run', 'command', 'commands', 'script'];
const MAX_CALL_DEPTH = 5;

/** Whether a job runs the tests, following the repository's reusable workflows and composite actions. */
export function jobTestRun(workflow: WorkflowModel, job: WorkflowJobModel, repository: WorkflowRepository, depth = 0): TestRunVerdict {
  if (depth > MAX_CALL_DEPTH) return { kind: 'unknown', reason: 'calls nest too deep' };
  if (job.uses !== undefined) {
    const called = localTarget(workflow.path, job.uses);
    if (called === undefined) return { kind: 'unknown', reason: `calls ${job.uses}` };
    const target = repository.workflows.get(called);
    if (!target) return { kind: 'unknown', reason: `calls ${job.uses}, which was not read` };
    return workflowTestRun(target, repository, depth + 1);
  }
  return stepsTestRun(workflow.path, job.steps, repository, depth);
}

/** Whether any job of the workflow runs the tests ('unknown' only when no job does and one may). */
export function workflowTestRun(workflow: WorkflowModel, repository: WorkflowRepository, depth = 0): TestRunVerdict {
  let unknown: TestRunVerdict | undefined;
  for (const job of workflow.jobs) {
    const verdict = jobTestRun(workflow, job, repository, depth);
    if (verdict.kind === 'runs') return verdict;
    if (verdict.kind === 'unknown') unknown ??= verdict;
  }
  return unknown ?? { kind: 'none' };
}

function stepsTestRun(path: string, steps: readonly WorkflowStepModel[], repository: WorkflowRepository, depth: number): TestRunVerdict {
  let unknown: TestRunVerdict | undefined;
  for (const step of steps) {
    if (step.run) {
      const run = scriptTestRun(path, step.run);
      if (run) return { kind: 'runs', run };
    }
    if (step.uses === undefined) continue;
    for (const input of SCRIPT_INPUTS) {
      const script = step.inputs[input];
      const run = script ? scriptTestRun(path, script) : undefined;
      if (run) return { kind: 'runs', run };
    }
    const local = localTarget(path, step.uses);
    if (local !== undefined) {
      const action = repository.actions.get(local);
      if (!action) {
        unknown ??= { kind: 'unknown', reason: `uses ${step.uses}, which was not read` };
        continue;
      }
      const verdict = stepsTestRun(action.path, action.steps, repository, depth + 1);
      if (verdict.kind === 'runs') return verdict;
      if (verdict.kind === 'unknown') unknown ??= verdict;
      continue;
    }
    const name = actionName(step.uses);
    if (TEST_ACTION.test(name) && !REPORTING_ACTION.test(name))
      return { kind: 'runs', run: { path, line: step.line, detail: `uses ${name}` } };
  }
  return unknown ?? { kind: 'none' };
}

function scriptTestRun(path: string, script: ScriptText): TestRun | undefined {
  const found = findTestCommand(script.text);
  return found ? { path, line: script.line + lineInScript(script.text, found), detail: `runs \`${found.command}\`` } : undefined;
}

/** What the repository's CI workflows (push, pull request) do about tests, judged together. */
export interface RepositoryCiTests {
  /** 'none' when no CI workflow runs the tests and none may (nothing unseen is called). */
  verdict: 'runs' | 'none' | 'unknown';
  /** The CI workflows, in path order: a repository-level finding is anchored in the first. */
  ciWorkflows: string[];
}

export function repositoryCiTests(repository: WorkflowRepository): RepositoryCiTests {
  const ciWorkflows = [...repository.workflows.values()]
    .filter((workflow) => workflow.ci)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let verdict: RepositoryCiTests['verdict'] = 'none';
  for (const workflow of ciWorkflows) {
    const found = workflowTestRun(workflow, repository).kind;
    if (found === 'runs') {
      verdict = 'runs';
      break;
    }
    if (found === 'unknown') verdict = 'unknown';
  }
  return { verdict, ciWorkflows: ciWorkflows.map((workflow) => workflow.path) };
}

/**
 * The path a local `uses:` (`./.github/workflows/tests.yml`, `./.github/actions/setup`)
 * names, from the root of the repository the calling file is in; undefined
 * for actions and workflows of other repositories (`owner/repo@ref`, `docker://…`).
 */
export function localTarget(callerPath: string, uses: string): string | undefined {
  if (!uses.startsWith('./')) return undefined;
  const path = uses.slice(2);
  const at = path.indexOf('@');
  const relative = withoutTrailing(at < 0 ? path : path.slice(0, at), '/');
  const root = repositoryRootOf(callerPath);
  return root === '' ? relative : `${root}/${relative}`;
}

/** The folder holding `.github/` for a workflow or an action under `.github/`; else the file's folder. */
function repositoryRootOf(path: string): string {
  const index = path.lastIndexOf('/.github/');
  if (index >= 0) return path.slice(0, index);
  if (path.startsWith('.github/')) return '';
  return posixDirname(path);
}

/** `owner/repo/path@ref` → `owner/repo/path`, lower-cased. */
function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at < 0 ? uses : uses.slice(0, at)).trim().toLowerCase();
}
