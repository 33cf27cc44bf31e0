import { posixDirname, posixRelative } from '../../fileSystem';
import { findStageFile, loadStageFile, STAGE_FILE_NAME } from '../../workspace/stageResolution';
import { posixJoin } from '../../fileSystem';
import { isCancelled } from '../scan/cancellation';
import { deploymentModelOf, finishScope, scanScope } from './assessService';
import type { ScannedScope } from './assessService';
import type { AssessOptions } from './assessService';
import type { ServiceAssessment, WorkspaceAssessment } from './types';

/**
 * Assesses every service a folder touches: the service whose `.stage.yml`
 * governs it (the whole service, even when `target` is a subfolder) and every
 * nested service below. Without a governing `.stage.yml`, the folder is
 * assessed as one undeclared service — unless it contains services of its
 * own, which then stand for it (a monorepo root without `.stage.yml`).
 *
 * This is the single entry point for views: the sidebar renders a service's
 * `concerns` (badge, observed stage, practices with evidence) and the
 * upgrades checklist its `readiness`.
 */
export async function assessWorkspace(target: string, options: AssessOptions): Promise<WorkspaceAssessment> {
  const result: WorkspaceAssessment = { workspaceRoot: options.workspaceRoot, target, services: [], cancelled: false };
  const governingPath = await findStageFile(options.fs, target, options.workspaceRoot);
  const queue: Array<{ root: string; stageFilePath?: string }> = [
    governingPath ? { root: posixDirname(governingPath), stageFilePath: governingPath } : { root: target },
  ];
  const scanned: Array<{ scope: ScannedScope | undefined; listed: boolean }> = [];
  while (queue.length > 0) {
    if (isCancelled(options.cancellation)) {
      result.cancelled = true;
      break;
    }
    const item = queue.shift()!;
    const stageFile = item.stageFilePath
      ? await loadStageFile(options.fs, item.stageFilePath, {
          today: options.today,
          knownRuleIds: options.knownRuleIds,
          root: options.workspaceRoot,
        })
      : undefined;
    const scope = await scanScope(item.root, stageFile, options);
    if (scope.cancelled) {
      result.cancelled = true;
      break;
    }
    const nestedScopes = scope.nestedScopes;
    const undeclaredParent = !item.stageFilePath && nestedScopes.length > 0;
    scanned.push({ scope, listed: !undeclaredParent });
    for (const nested of nestedScopes) queue.push({ root: nested, stageFilePath: posixJoin(nested, STAGE_FILE_NAME) });
  }
  // One model of every service scanned: a compose file at the root may build a service's Dockerfile, a kustomization deploy its manifests.
  const model = deploymentModelOf(
    scanned.map((each) => each.scope!),
    options.workspaceRoot,
  );
  const services: ServiceAssessment[] = [];
  for (const each of scanned) {
    const finished = await finishScope(each.scope!, model, options);
    // Its analyses are judged: only the assessment stays (the model keeps the digests it needs).
    each.scope = undefined;
    if (each.listed) services.push(finished.service);
  }
  result.services = services.sort((a, b) => (sortKey(options.workspaceRoot, a.root) < sortKey(options.workspaceRoot, b.root) ? -1 : 1));
  return result;
}

function sortKey(workspaceRoot: string, root: string): string {
  return posixRelative(workspaceRoot, root) ?? root;
}
