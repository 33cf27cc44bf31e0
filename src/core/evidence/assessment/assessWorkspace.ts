import { posixDirname, posixRelative } from '../../fileSystem';
import { findStageFile, loadStageFile, STAGE_FILE_NAME } from '../../workspace/stageResolution';
import { posixJoin } from '../../fileSystem';
import { isCancelled, TimeSlicer } from '../scan/cancellation';
import { ScanReads } from '../scan/scanReads';
import { buildDeploymentModel } from '../../deployment/model/buildDeploymentModel';
import type { DeploymentModel } from '../../deployment/model/deploymentModel';
import type { FileDigest } from '../../deployment/types';
import { StringTable } from '../scan/sharedStrings';
import { deploymentDigestSteps, finishScope, scanScope } from './assessService';
import { judgementsAfter } from './judgementReuse';
import type { LastJudgement } from './judgementReuse';
import type { ScopeResult } from './assessService';
import type { ScannedScope } from './assessService';
import type { AssessOptions } from './assessService';
import type { ServiceAssessment, WorkspaceAssessment } from './types';
import { whileScanning } from '../../scanLifetime';

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
export function assessWorkspace(target: string, options: AssessOptions): Promise<WorkspaceAssessment> {
  return whileScanning(() => workspaceAssessed(target, options));
}

async function workspaceAssessed(target: string, options: AssessOptions): Promise<WorkspaceAssessment> {
  const result: WorkspaceAssessment = { workspaceRoot: options.workspaceRoot, target, services: [], cancelled: false };
  // One time budget for the whole workspace: the steps between services (a service whose last scan stands takes no time
  // of its own) count against it too.
  const slicer = options.slicer ?? new TimeSlicer();
  options = { ...options, slicer };
  const { scanned, cancelled } = await scanServices(target, options);
  result.cancelled = cancelled;
  // One model of every service scanned: a compose file at the root may build a service's Dockerfile, a kustomization deploy its manifests.
  const { digests, serviceRoots } = await modelInputs(scanned, slicer);
  let model: DeploymentModel | undefined;
  // A rescan (the bench's editor scan keeps a cache) whose model is made of the same digests: a service whose scan stood
  // as it was is judged as it was, and so is every analysis it judged before (held weakly, by analysis); when only some
  // files' lines moved, every judgement that names none of them (judgementReuse.ts).
  const cache = options.cache;
  const judgedKey = JSON.stringify([target, options.today, options.stageOverride, options.knownRuleIds?.size, serviceRoots]);
  const last = cache?.scopeRecord(JUDGED_WORKSPACE) as JudgedWorkspace | undefined;
  const reuse = cache ? await judgementsAfter(last?.key === judgedKey ? last : undefined, digests, slicer) : undefined;
  // Without a cache (the CLI) nothing is kept: each service's analyses are let go once it is judged.
  const judged: JudgedWorkspace | undefined = reuse
    ? { key: judgedKey, digests, finished: new Map(), analyses: reuse.judgements.after }
    : undefined;
  const judgements = reuse?.judgements;
  // The last judgement, when the model is made of the same digests.
  const sameModel = reuse?.same ? last : undefined;
  const services: ServiceAssessment[] = [];
  for (const each of scanned) {
    const scope = each.scope!;
    const earlier = sameModel?.finished.get(scope.root);
    const finished =
      earlier && earlier.analyses === scope.analyses
        ? earlier.result
        : await finishScope(
            scope,
            // Built in steps with event-loop turns between them: tens of milliseconds at once on a large workspace.
            (model ??= await buildDeploymentModel(digests, { repositoryRoot: options.workspaceRoot, serviceRoots }, scope.slicer)),
            options,
            judgements,
          );
    judged?.finished.set(scope.root, { analyses: scope.analyses, result: finished });
    // Its analyses are judged: only the assessment stays (the model keeps the digests it needs).
    each.scope = undefined;
    if (each.listed) services.push(finished.service);
  }
  if (cache && judged && !result.cancelled) cache.rememberScope(JUDGED_WORKSPACE, judged);
  result.services = services.sort((a, b) => (sortKey(options.workspaceRoot, a.root) < sortKey(options.workspaceRoot, b.root) ? -1 : 1));
  return result;
}

/** A service scanned by scanServices; `listed` is false for an undeclared parent whose nested services stand for it. */
export interface ScannedService {
  scope: ScannedScope | undefined;
  listed: boolean;
}

/**
 * Scans every service a folder touches (the governing one, then each nested service), not yet judged: the one walk
 * the assessment and the editor's workspace model (workspaceModelScan.ts) share, so both see the same files.
 */
export function scanServices(target: string, options: AssessOptions): Promise<{ scanned: ScannedService[]; cancelled: boolean }> {
  return whileScanning(() => servicesScanned(target, options));
}

async function servicesScanned(target: string, options: AssessOptions): Promise<{ scanned: ScannedService[]; cancelled: boolean }> {
  let cancelled = false;
  const governingPath = await findStageFile(options.fs, target, options.workspaceRoot);
  const queue: Array<{ root: string; stageFilePath?: string }> = [
    governingPath ? { root: posixDirname(governingPath), stageFilePath: governingPath } : { root: target },
  ];
  const scanned: ScannedService[] = [];
  const slicer = options.slicer ?? new TimeSlicer();
  // One table for every service (their findings and digests all wait for the one deployment model), and one set of
  // shared reads for the scan's services (the caller's, when it passes one): both let go when the scan ends.
  options = {
    ...options,
    slicer,
    strings: options.strings ?? (options.cache ? undefined : new StringTable()),
    reads: options.reads ?? new ScanReads(options.fs),
  };
  while (queue.length > 0) {
    // A rescan's services mostly stand as they were: without a turn here, hundreds of them (each `.stage.yml` parsed) run at once.
    await slicer.maybeYield();
    if (isCancelled(options.cancellation)) {
      cancelled = true;
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
      cancelled = true;
      break;
    }
    const nestedScopes = scope.nestedScopes;
    const undeclaredParent = !item.stageFilePath && nestedScopes.length > 0;
    scanned.push({ scope, listed: !undeclaredParent });
    for (const nested of nestedScopes) queue.push({ root: nested, stageFilePath: posixJoin(nested, STAGE_FILE_NAME) });
  }
  return { scanned, cancelled };
}

/**
 * What the deployment model is built from (no array of the scanned services outlives this: each is let go once judged),
 * with event-loop turns between slices: a large workspace's tens of thousands of analyses.
 */
export async function modelInputs(
  scanned: ReadonlyArray<{ scope: ScannedScope | undefined }>,
  slicer: TimeSlicer,
): Promise<{ digests: FileDigest[]; serviceRoots: string[] }> {
  const digests: FileDigest[] = [];
  const steps = deploymentDigestSteps(
    scanned.map((each) => each.scope!),
    digests,
  );
  while (!steps.next().done) await slicer.maybeYield();
  return { digests, serviceRoots: scanned.map((each) => each.scope!.root) };
}

function sortKey(workspaceRoot: string, root: string): string {
  return posixRelative(workspaceRoot, root) ?? root;
}

/** Where the cache keeps the last judgement of the workspace (no path is empty). */
const JUDGED_WORKSPACE = '';

/** The last judgement (the model's digests, each analysis judged) and each service's analyses (by identity) with its result. */
interface JudgedWorkspace extends LastJudgement {
  key: string;
  finished: Map<string, { analyses: ScannedScope['analyses']; result: ScopeResult }>;
}
