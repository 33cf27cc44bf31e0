import type { Scalar } from 'yaml';
import type { RawFinding } from '../../types';
import { scalarString } from '../../yaml/yamlSupport';
import { memoizedByText } from '../../../memoizedByText';
import { findingOn } from '../../ci/findings';
import { deprecatedActionTable } from '../deprecatedActionTable';
import type { Workflow } from '../workflow';
import { allSteps } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

const RULE_ID = 'gha/deprecated-actions';

/**
 * gha/deprecated-actions: a step uses an archived action, or a major version of
 * one of GitHub's actions whose Node.js runtime is end-of-life or whose service
 * is gone, per the dated table data/github-actions-deprecated.yml. A step pinned
 * by commit SHA is not judged (its version is not in the reference).
 */
export function detectDeprecatedActions(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const step of allSteps(workflow)) {
    const message = step.uses ? deprecation(step.uses) : undefined;
    if (message) findings.push(...findingOn(workflow.file, RULE_ID, step.uses, message));
  }
  return findings;
}

function deprecation(uses: Scalar): string | undefined {
  const value = scalarString(uses);
  return value === undefined ? undefined : deprecationByText(value);
}

/** A workflow names the same few actions again and again (and the editor re-analyses it on every edit): answered once per text. */
const deprecationByText = memoizedByText((uses: string) => deprecationOf(uses.trim()), 2048);

function deprecationOf(value: string): string | undefined {
  if (value.startsWith('.') || value.startsWith('docker://')) return undefined;
  const at = value.indexOf('@');
  const path = (at < 0 ? value : value.slice(0, at)).toLowerCase().split('/');
  if (path.length < 2) return undefined;
  const [owner, name] = path;
  const table = deprecatedActionTable();
  const instead = table.archived.get(`${owner}/${name}`) ?? table.archived.get(`${owner}/*`);
  if (instead !== undefined) return `\`${owner}/${name}\` is archived and gets no fixes (as of ${table.asOf}); use ${instead}.`;
  const major = at < 0 ? undefined : /^v\d+/.exec(value.slice(at + 1))?.[0];
  const retired = major === undefined ? undefined : table.versions.get(`${owner}/${name}`)?.find((entry) => entry.majors.includes(major));
  if (retired) return `\`${value}\` ${retired.reason} (as of ${table.asOf}); use \`${retired.instead}\` or later.`;
  return undefined;
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/deprecated-actions',
  anchors: (workflow) => inConcern('security', workflowAnchors(workflow, 'job.uses', 'step.uses')),
  detect: detectDeprecatedActions,
});
