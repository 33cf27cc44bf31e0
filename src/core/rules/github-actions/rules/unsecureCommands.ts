import { findPair, getPath, scalarString, textMayHoldWord } from '../../yaml/yamlSupport';
import { removeEntry } from '../../yaml/yamlEdits';
import type { RawFinding } from '../../types';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { fixOnDemand } from '../../engine/fixesOnDemand';

const VARIABLE = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

/** gha/unsecure-commands: `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` in the workflow's, a job's or a step's `env:`. */
export function detectUnsecureCommands(workflow: Workflow): RawFinding[] {
  // A rare key: a file that cannot hold it needs no walk of its every job and step.
  if (!textMayHoldWord(workflow.file.text, VARIABLE)) return [];
  const owners = [workflow.root, ...workflow.jobs.flatMap((job) => [job.map, ...job.steps.map((step) => step.map)])];
  const findings: RawFinding[] = [];
  for (const owner of owners) {
    const env = findPair(owner, 'env')?.value;
    const pair = findPair(env, VARIABLE);
    if (
      !pair ||
      scalarString(getPath(env, [VARIABLE]))
        ?.trim()
        .toLowerCase() !== 'true'
    )
      continue;
    findings.push(
      ...findingOn(
        workflow.file,
        'gha/unsecure-commands',
        pair.key,
        undefined,
        fixOnDemand(`Remove \`${VARIABLE}\``, () => removeEntry(workflow.file, env, VARIABLE, { map: owner, key: 'env' })),
      ),
    );
  }
  return findings;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/unsecure-commands', detect: detectUnsecureCommands });
