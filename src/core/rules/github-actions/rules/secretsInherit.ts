import type { RawFinding } from '../../types';
import { findPair, scalarString } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

/**
 * gha/secrets-inherit: a reusable-workflow call passes `secrets: inherit`, so
 * the called workflow — and every action it runs — gets all of the caller's
 * secrets instead of the ones it declares.
 */
export function detectSecretsInherit(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    if (!job.uses) continue;
    const value = findPair(job.map, 'secrets')?.value;
    if (scalarString(value)?.trim() === 'inherit') findings.push(...findingOn(workflow.file, 'gha/secrets-inherit', value));
  }
  return findings;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/secrets-inherit', detect: detectSecretsInherit });
