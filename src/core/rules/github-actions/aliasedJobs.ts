import type { RawFinding } from '../types';
import { withoutFixesOnAliasedNodes } from '../yaml/aliasedNodes';
import { oncePerOriginal } from '../yaml/copiedPlaceFindings';
import type { CopiedUnit } from '../yaml/copiedPlaceFindings';
import { oncePerPlace } from '../yaml/sharedPlaceFindings';
import type { Workflow } from './workflow';

/**
 * One finding per place a setting is written. Through an alias (`steps: *test-steps`, `test-arm: *test`) the
 * rules read the anchored nodes once per job that uses them, so the same line would be reported again for each
 * job. A job that is all an alias of another (`test-arm: *test`) has the same findings as the job that holds the
 * anchor: each is reported once, at that job, naming the copies (copiedPlaceFindings.ts); findings at one place
 * (a step of a shared list) are kept once, saying how many others share the line (sharedPlaceFindings.ts). A fix
 * that would edit a node some alias uses is dropped (the finding stays): it would change every job that uses it.
 */
export function oncePerAnchor(workflow: Workflow, findings: readonly RawFinding[]): RawFinding[] {
  // No `*`, no alias: every finding already has a place of its own.
  if (!workflow.file.text.includes('*')) return [...findings];
  const copies: CopiedUnit[] = [];
  const first = new Map<object, Workflow['jobs'][number]>();
  for (const job of workflow.jobs) {
    const original = first.get(job.map);
    if (!original) first.set(job.map, job);
    const at = job.pair.key?.range;
    const originalAt = original?.pair.key?.range;
    if (at && originalAt)
      copies.push({ at: workflow.file.mapper.position(at[0]), originalAt: workflow.file.mapper.position(originalAt[0]), name: job.id });
  }
  const named = oncePerOriginal(
    findings,
    copies,
    (names) => `(also ${names.includes(',') ? 'jobs' : 'job'} ${names}, written as an alias of this job)`,
  );
  return oncePerPlace(withoutFixesOnAliasedNodes(workflow.file, named));
}
