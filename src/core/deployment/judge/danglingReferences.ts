import type { RawFinding } from '../../rules/types';
import type { DeploymentModel } from '../model/deploymentModel';
import type { Place } from '../types';

/**
 * A Service, autoscaler or disruption budget whose target its own file does not hold
 * (rules/kubernetes/danglingReferences.ts), judged by the workspace: answered when a workload anywhere
 * matches it, and left unjudged whenever the target could exist where we cannot see it — a kustomization
 * that rewrites labels or names (or builds remote resources), a Helm chart or an operator's resource that
 * makes pods, or nothing deployed beside it at all (the pods come from another repository or tool).
 */
export function referenceAnswered({
  path,
  finding,
  model,
}: {
  path: string;
  finding: RawFinding;
  model: DeploymentModel;
}): { place: Place; reason: string } | undefined {
  const subject = finding.subject;
  if (subject?.type !== 'workload') return undefined;
  const target = model.targetIn(path, subject.kind, subject.name, subject.namespace);
  if (!target)
    return {
      place: { path, line: finding.range.start.line },
      reason: 'the workspace model does not hold it (no deployment reads this file as a manifest)',
    };
  const [match] = model.workloadsTargetedBy(path, target);
  if (match) {
    const place = { path: match.path, line: match.workload.line };
    return { place, reason: `${match.workload.kind} "${match.workload.name ?? '?'}" (${model.describePlace(place, path)}) is its target` };
  }
  const rewriting = model.kustomizations.rewritingBuildOf(path);
  if (rewriting)
    return {
      place: rewriting.place,
      reason: `${model.describePlace(rewriting.place, path)} builds it with ${rewriting.value.join(', ')}: what it deploys is not what the files say`,
    };
  const unseen = model.unseenPodSource(path);
  if (unseen)
    return {
      place: unseen.place,
      reason: `the workspace also deploys pods it does not describe as workloads (${unseen.what}, ${model.describePlace(unseen.place, path)})`,
    };
  if (model.workloadsBeside(path).length === 0)
    return {
      place: { path, line: finding.range.start.line },
      reason: 'no workload is deployed beside it (its folder or its kustomization): its target may come from another repository or tool',
    };
  return undefined;
}
