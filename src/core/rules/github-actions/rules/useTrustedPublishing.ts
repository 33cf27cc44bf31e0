import type { Node } from 'yaml';
import type { RawFinding } from '../../types';
import { findPair, getPath, mapEntries, scalarString } from '../../yaml/yamlSupport';
import { findingAt, findingOn } from '../../ci/findings';
import { programArguments, programName, scriptCommands } from '../../../format/shell/shellCommands';
import type { Workflow, WorkflowStep } from '../workflow';
import { actionName, allSteps } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

const RULE_ID = 'gha/use-trusted-publishing';

/** Environment variables the npm and PyPI clients read a publish token from. */
const NPM_TOKEN_VARIABLES = new Set(['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN']);
const PYPI_TOKEN_VARIABLES = new Set(['TWINE_PASSWORD', 'PYPI_TOKEN', 'PYPI_API_TOKEN', 'UV_PUBLISH_TOKEN']);

/**
 * gha/use-trusted-publishing: a package is published to PyPI or npm with a
 * long-lived token from the repository's secrets, where both registries accept
 * GitHub's short-lived OIDC identity instead (trusted publishing). A leaked
 * token publishes until someone revokes it; an OIDC token lives minutes and is
 * bound to this workflow. Read: `pypa/gh-action-pypi-publish` with `password:`,
 * and `twine upload`/`uv publish`/`npm publish` with a token variable taken from
 * `secrets.*` in the step's, job's or workflow's `env:`.
 */
export function detectLongLivedPublishTokens(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  const { file } = workflow;
  for (const step of allSteps(workflow)) {
    if (actionName(step.uses) === 'pypa/gh-action-pypi-publish') {
      const password = getPath(step.map, ['with', 'password']);
      if (fromSecret(password))
        findings.push(
          ...findingOn(
            file,
            RULE_ID,
            password,
            "This publishes to PyPI with a long-lived API token; PyPI accepts this workflow's OIDC identity instead (trusted publishing).",
          ),
        );
      continue;
    }
    if (!step.run?.range) continue;
    const source = file.text.slice(step.run.range[0], step.run.range[1]);
    for (const command of scriptCommands(source)) {
      const registry = publishTarget(command);
      if (!registry) continue;
      const variables = registry === 'npm' ? NPM_TOKEN_VARIABLES : PYPI_TOKEN_VARIABLES;
      const token = secretVariable(workflow, step, variables);
      if (!token) continue;
      const start = command.words[0].start;
      const end = command.words[command.words.length - 1].end;
      const message = `This publishes to ${registry === 'npm' ? 'npm' : 'PyPI'} with \`${token}\`, a long-lived token from the repository's secrets; the registry accepts this workflow's OIDC identity instead (trusted publishing).`;
      findings.push(findingAt(file, RULE_ID, step.run.range[0] + start, end - start, message));
    }
  }
  return findings;
}

function publishTarget(command: ReturnType<typeof scriptCommands>[number]): 'npm' | 'pypi' | undefined {
  const program = programName(command);
  // Most commands are none of these programs: their arguments need not be read.
  if (program !== 'npm' && program !== 'twine' && program !== 'uv' && !program?.startsWith('python')) return undefined;
  const args = programArguments(command).map((word) => word.value);
  if (program === 'npm' && args.includes('publish')) return 'npm';
  if (program === 'twine' && args[0] === 'upload') return 'pypi';
  // `python -m twine upload`, `python3.12 -m twine upload`
  if (program?.startsWith('python') && args[0] === '-m' && args[1] === 'twine' && args[2] === 'upload') return 'pypi';
  if (program === 'uv' && args[0] === 'publish') return 'pypi';
  return undefined;
}

function fromSecret(node: Node | null | undefined): boolean {
  const value = scalarString(node) ?? '';
  return value.includes('secrets.') && !value.includes('secrets.GITHUB_TOKEN');
}

/** The first token variable set from `secrets.*` in the step's, job's or workflow's `env:`. */
function secretVariable(workflow: Workflow, step: WorkflowStep, names: ReadonlySet<string>): string | undefined {
  for (const owner of [step.map, step.job.map, workflow.root]) {
    for (const [name, pair] of mapEntries(findPair(owner, 'env')?.value)) if (names.has(name) && fromSecret(pair.value)) return name;
  }
  return undefined;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/use-trusted-publishing', detect: detectLongLivedPublishTokens });
