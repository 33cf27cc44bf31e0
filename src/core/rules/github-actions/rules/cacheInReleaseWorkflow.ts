import type { RawFinding } from '../../types';
import { findPair, getPath, mapEntries, scalarString, seqItems } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import { programArguments, programName, scriptCommands } from '../../../format/shell/shellCommands';
import type { Workflow, WorkflowStep } from '../workflow';
import { actionName } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

const RULE_ID = 'gha/cache-in-release-workflow';

/** Actions that publish what the job built. */
const PUBLISHERS = new Set([
  'pypa/gh-action-pypi-publish',
  'softprops/action-gh-release',
  'goreleaser/goreleaser-action',
  'ncipollo/release-action',
]);
/** `setup-*` actions whose `cache:` input restores a dependency cache. */
const SETUP_WITH_CACHE = new Set([
  'actions/setup-node',
  'actions/setup-python',
  'actions/setup-java',
  'actions/setup-go',
  'actions/setup-dotnet',
]);

/**
 * gha/cache-in-release-workflow: a workflow that publishes (on `release`, on
 * tag pushes, or through a publishing action or `npm publish`/`twine upload`
 * …) restores a dependency cache. Caches are shared across a repository's
 * workflows, and any workflow that runs less trusted code on the default
 * branch (a pull_request_target job, a compromised dependency in CI) can write
 * one: restored here, it ends up in the released artifact ("cache poisoning").
 * A `pull_request_target` workflow alone is not reported: it can restore only
 * base-branch caches; writing one from it is the risk, judged where restored.
 */
export function detectCacheInReleaseWorkflow(workflow: Workflow): RawFinding[] {
  const release = releaseTrigger(workflow);
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    // The job's cache restores first: most jobs have none, and then whether they publish need not be read.
    const restores = job.steps.map(cacheRestore).filter((node) => node !== undefined);
    if (restores.length === 0) continue;
    // A workflow that also runs on branches or pull requests (CI and release in one): only the jobs that publish.
    const reason = release && !alsoRunsAsCi(workflow) ? release : job.steps.some(publishes) ? 'publishes a release' : undefined;
    if (!reason) continue;
    for (const node of restores)
      findings.push(
        ...findingOn(workflow.file, RULE_ID, node, `This job ${reason} and restores a cache another workflow may have written.`),
      );
  }
  return findings;
}

/** Why the whole workflow releases: its `release` or tag-push trigger. */
function releaseTrigger(workflow: Workflow): string | undefined {
  if (workflow.triggers.has('release')) return 'runs on `release`';
  const on = workflow.onPair?.value;
  if (seqItems(getPath(on, ['push', 'tags'])).length > 0 || scalarString(getPath(on, ['push', 'tags'])) !== undefined)
    return 'runs on tag pushes';
  return undefined;
}

/** True when the workflow also runs for pull requests or branch pushes. */
function alsoRunsAsCi(workflow: Workflow): boolean {
  if (workflow.triggers.has('pull_request') || workflow.triggers.has('pull_request_target')) return true;
  const push = getPath(workflow.onPair?.value, ['push']);
  return workflow.triggers.has('push') && (getPath(push, ['branches']) !== undefined || getPath(push, ['tags']) === undefined);
}

/** The programs `publishes` asks about (a command running another one publishes nothing). */
const PUBLISHING_PROGRAMS = new Set(['npm', 'pnpm', 'yarn', 'twine', 'uv', 'cargo', 'gem']);

function publishes(step: WorkflowStep): boolean {
  if (PUBLISHERS.has(actionName(step.uses) ?? '')) return true;
  const script = scalarString(step.run);
  if (script === undefined) return false;
  return scriptCommands(script).some((command) => {
    const program = programName(command);
    if (program === undefined || !PUBLISHING_PROGRAMS.has(program)) return false;
    const args = programArguments(command).map((word) => word.value);
    return (
      ((program === 'npm' || program === 'pnpm' || program === 'yarn') && args.includes('publish')) ||
      (program === 'twine' && args[0] === 'upload') ||
      (program === 'uv' && args[0] === 'publish') ||
      (program === 'cargo' && args[0] === 'publish') ||
      (program === 'gem' && args[0] === 'push')
    );
  });
}

/** The node that restores a cache in this step: the `uses:` of a caching action (`actions/cache`, `Swatinem/rust-cache`), or a setup action's cache switch. */
function cacheRestore(step: WorkflowStep) {
  const name = actionName(step.uses);
  if (name === 'astral-sh/setup-uv') {
    const enabled = scalarString(getPath(step.map, ['with', 'enable-cache']))?.trim();
    return enabled === 'true' ? getPath(step.map, ['with', 'enable-cache']) : undefined;
  }
  if (name === 'actions/cache' || name === 'actions/cache/restore' || name === 'swatinem/rust-cache') {
    // `lookup-only` checks for a cache without restoring it.
    return scalarString(getPath(step.map, ['with', 'lookup-only']))?.trim() === 'true' ? undefined : step.uses;
  }
  if (!name || !SETUP_WITH_CACHE.has(name)) return undefined;
  const withMap = findPair(step.map, 'with')?.value;
  const cache = mapEntries(withMap).find(([key]) => key === 'cache')?.[1].value;
  const value = scalarString(cache)?.trim();
  if (value !== undefined) return value === '' || value === 'false' ? undefined : cache;
  // setup-go caches by default from v4 on.
  const major = /@v(\d+)/.exec(scalarString(step.uses) ?? '')?.[1];
  return name === 'actions/setup-go' && major !== undefined && Number(major) >= 4 ? step.uses : undefined;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/cache-in-release-workflow', detect: detectCacheInReleaseWorkflow });
