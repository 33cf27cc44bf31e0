import { buildDeploymentModel } from '../../deployment/model/buildDeploymentModel';
import type { DeploymentModel } from '../../deployment/model/deploymentModel';
import type { FileDigest } from '../../deployment/types';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import type { WorkspaceFacts } from '../../rules/types';
import { TimeSlicer } from '../scan/cancellation';
import type { AssessOptions } from './assessService';
import { modelInputs, scanServices } from './assessWorkspace';
import { whileScanning } from '../../scanLifetime';

/**
 * What the editor's hovers, diagnostics and fixes need of the whole workspace, made by the scan `check` runs
 * (scanServices: the same walk, ignore rules, 1 MiB per-file limit and parses, every file, no cap): the
 * deployment model built from every service's digests, and per service the workspace facts its files are
 * analysed with. With the editor's ScanCache (told every change by its watcher), a rescan reads only what changed.
 */
export interface WorkspaceModelScan {
  model: DeploymentModel;
  /** The scanned services' roots, deepest first. */
  roots: readonly string[];
  scopes: ReadonlyMap<string, ScopeModelFacts>;
  cancelled: boolean;
}

/**
 * What the editor keeps of a scanned service: the workspace facts its files are analysed with, and the Helm charts
 * (`Chart.yaml` files) it lists, the only files file-kind detection asks about (a `templates/` folder's chart). Not
 * the whole file list: on the 100,000-file bench tree that was 100,000 paths crossing from the scan worker, about
 * 13 MB of the extension host's heap at the peak of its first scan.
 */
export interface ScopeModelFacts {
  workspaceFacts: WorkspaceFacts;
  charts: readonly string[];
}

export function workspaceModelScan(target: string, options: AssessOptions): Promise<WorkspaceModelScan> {
  return whileScanning(async () => {
    const slicer = options.slicer ?? new TimeSlicer();
    const { digests, serviceRoots, roots, scopes, cancelled } = await workspaceModelInputs(target, { ...options, slicer });
    const model = await buildDeploymentModel(digests, { repositoryRoot: options.workspaceRoot, serviceRoots }, slicer, true);
    return { model, roots, scopes, cancelled };
  });
}

/**
 * What workspaceModelScan builds its deployment model from: the same scan, with the digests and service roots in
 * place of the model (the editor's scan worker sends them to the extension host, which builds the model there).
 */
export interface WorkspaceModelInputs extends Omit<WorkspaceModelScan, 'model'> {
  digests: FileDigest[];
  serviceRoots: string[];
}

export async function workspaceModelInputs(target: string, options: AssessOptions & { slicer: TimeSlicer }): Promise<WorkspaceModelInputs> {
  const scopes = new Map<string, ScopeModelFacts>();
  const { slicer } = options;
  const { scanned, cancelled } = await scanServices(target, {
    ...options,
    slicer,
    onScopeFacts: (root, facts) => {
      scopes.set(root, { workspaceFacts: facts.workspaceFacts, charts: chartFilesOf(facts.files) });
      options.onScopeFacts?.(root, facts);
    },
  });
  const { digests, serviceRoots } = await modelInputs(scanned, slicer);
  // Only the digests stay (the scopes' analyses, findings included, are let go: the editor analyses open files itself).
  scanned.length = 0;
  return { digests, serviceRoots, roots: [...scopes.keys()].sort((a, b) => b.length - a.length), scopes, cancelled };
}

/** The workspace facts a file is analysed with: those of the deepest scanned service that holds it, as in `check`. */
export function scopeFactsFor(scan: Pick<WorkspaceModelScan, 'roots' | 'scopes'>, path: string): WorkspaceFacts {
  const root = scan.roots.find((each) => path === each || path.startsWith(each === '/' ? '/' : `${each}/`));
  return (root === undefined ? undefined : scan.scopes.get(root)?.workspaceFacts) ?? NO_WORKSPACE_FACTS;
}

/** True when some scanned service listed this Helm chart file (file-kind detection asks for a `Chart.yaml` beside a `templates/` folder). */
export function chartFileListed(scan: Pick<WorkspaceModelScan, 'scopes'>, path: string): boolean {
  for (const scope of scan.scopes.values()) if (scope.charts.includes(path)) return true;
  return false;
}

/** The Helm charts the scan listed, as one key (an analysis keyed by it is redone when a chart appears or goes). */
export function chartsKeyOf(scan: Pick<WorkspaceModelScan, 'scopes'>): string {
  const charts = new Set<string>();
  for (const scope of scan.scopes.values()) for (const path of scope.charts) charts.add(path);
  return [...charts].sort().join('\n');
}

/** The `Chart.yaml` files of a service's file list, kept per list: a service whose scan stood keeps its list. */
function chartFilesOf(files: ReadonlyMap<string, string>): readonly string[] {
  let charts = CHARTS_OF_FILES.get(files);
  if (!charts) {
    const listed: string[] = [];
    for (const path of files.keys()) if (path.endsWith('/Chart.yaml')) listed.push(path);
    CHARTS_OF_FILES.set(files, (charts = listed));
  }
  return charts;
}

const CHARTS_OF_FILES = new WeakMap<ReadonlyMap<string, string>, readonly string[]>();
