import type { Scalar } from 'yaml';
import { imagePinning } from '../containerImage';
import { memoizedByText } from '../../memoizedByText';
import type { RawFinding } from '../types';
import { scalarString } from '../yaml/yamlSupport';
import { findingOn } from '../ci/findings';
import type { Workflow } from './workflow';

/** Owners whose actions GitHub itself maintains. */
export const GITHUB_OWNERS = new Set(['actions', 'github']);
export const FULL_SHA = /^[0-9a-f]{40}$/i;

export type UsesPinning = { pinned: true } | { pinned: false; githubOwned: boolean; ref: string };

/**
 * How firmly a `uses:` value pins the code it runs. Local actions (`./…`) are
 * part of the repository; `docker://` images are pinned by a digest. Values
 * that are not action references at all give undefined (actionlint's business).
 */
export function usesPinning(uses: string): UsesPinning | undefined {
  return pinningByText(uses);
}

/** Two rules ask about every `uses:`, and a workflow names the same few actions again and again: answered once per text (shared: never changed). */
const pinningByText = memoizedByText(readPinning, 2048);

function readPinning(uses: string): UsesPinning | undefined {
  const value = uses.trim();
  if (value.startsWith('./') || value.startsWith('../')) return { pinned: true };
  if (value.startsWith('docker://')) {
    const pinning = imagePinning(value.slice('docker://'.length));
    if (pinning === 'digest' || pinning === 'unknown') return { pinned: true };
    return { pinned: false, githubOwned: false, ref: value.slice('docker://'.length) };
  }
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.includes('${{')) return undefined;
  const ref = value.slice(at + 1);
  if (FULL_SHA.test(ref)) return { pinned: true };
  const owner = value.slice(0, value.indexOf('/') < 0 ? at : value.indexOf('/')).toLowerCase();
  return { pinned: false, githubOwned: GITHUB_OWNERS.has(owner), ref };
}

export function everyUses(workflow: Workflow): Scalar[] {
  const all: Scalar[] = [];
  for (const job of workflow.jobs) {
    if (job.uses) all.push(job.uses);
    for (const step of job.steps) if (step.uses) all.push(step.uses);
  }
  return all;
}

export function detectUnpinned(workflow: Workflow, ruleId: string, githubOwned: boolean): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const uses of everyUses(workflow)) {
    const value = scalarString(uses);
    const pinning = value === undefined ? undefined : usesPinning(value);
    if (!pinning || pinning.pinned || pinning.githubOwned !== githubOwned) continue;
    const message = value!.startsWith('docker://')
      ? `\`${value}\` pulls a mutable image tag; pin it by digest (\`@sha256:…\`).`
      : `\`${value}\` follows \`${pinning.ref}\`, which can be moved to other code; pin the full commit SHA.`;
    findings.push(...findingOn(workflow.file, ruleId, uses, message));
  }
  return findings;
}
