import type { RawFinding } from '../types';
import { withoutFixesOnAliasedNodes } from '../yaml/aliasedNodes';
import { oncePerPlace } from '../yaml/sharedPlaceFindings';
import type { Workflow, WorkflowJob } from './workflow';

/**
 * One finding per place a setting is written. Through an alias (`steps: *test-steps`, `test-arm: *test`) the
 * rules read the anchored nodes once per job that uses them, so the same line would be reported again for each
 * job. A job that is all an alias of another (`test-arm: *test`) has the same findings as the job that holds the
 * anchor: each is reported once, at that job, naming the copies; findings at one place (a step of a shared list)
 * are kept once, saying how many others share the line (sharedPlaceFindings.ts). A fix that would edit a node
 * some alias uses is dropped (the finding stays): it would change every job that uses it.
 */
export function oncePerAnchor(workflow: Workflow, findings: readonly RawFinding[]): RawFinding[] {
  const copies = jobCopies(workflow.jobs);
  const kept: RawFinding[] = [];
  const alsoIn = new Map<RawFinding, string[]>();
  const byKey = (job: WorkflowJob, ruleId: string) =>
    findings.find((finding) => finding.ruleId === ruleId && atKey(finding, job, workflow));
  for (const finding of findings) {
    const copy = [...copies].find(([job]) => atKey(finding, job, workflow));
    const original = copy && byKey(copy[1], finding.ruleId);
    if (!copy || !original) {
      kept.push(finding);
      continue;
    }
    alsoIn.set(original, [...(alsoIn.get(original) ?? []), copy[0].id]);
  }
  const named = kept.map((finding) => {
    const others = alsoIn.get(finding);
    if (!others) return finding;
    const jobs = others.map((id) => `\`${id}\``).join(', ');
    const message = `${finding.message ?? ''} (also ${others.length === 1 ? 'job' : 'jobs'} ${jobs}, written as an alias of this job)`;
    return { ...finding, message: message.trimStart() };
  });
  return oncePerPlace(withoutFixesOnAliasedNodes(workflow.file, named));
}

/** Jobs whose whole map is another job's (an alias of it), each with the first job that has that map. */
function jobCopies(jobs: readonly WorkflowJob[]): Map<WorkflowJob, WorkflowJob> {
  const first = new Map<object, WorkflowJob>();
  const copies = new Map<WorkflowJob, WorkflowJob>();
  for (const job of jobs) {
    const original = first.get(job.map);
    if (original) copies.set(job, original);
    else first.set(job.map, job);
  }
  return copies;
}

/** True when the finding is about the job itself (reported at its key). */
function atKey(finding: RawFinding, job: WorkflowJob, workflow: Workflow): boolean {
  const range = job.pair.key?.range;
  if (!range) return false;
  const start = workflow.file.mapper.position(range[0]);
  return finding.range.start.line === start.line && finding.range.start.character === start.character;
}
