import { posixBasename } from '../../fileSystem';
import { buildDeploymentModel } from '../../deployment/model/buildDeploymentModel';
import type { DeploymentModel } from '../../deployment/model/deploymentModel';
import type { FileDigest } from '../../deployment/types';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import type { WorkspaceFacts } from '../../rules/types';
import { TimeSlicer } from '../scan/cancellation';
import type { AssessOptions, ScopeFacts } from './assessService';
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
  scopes: ReadonlyMap<string, ScopeFacts>;
  cancelled: boolean;
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
  const scopes = new Map<string, ScopeFacts>();
  const { slicer } = options;
  const { scanned, cancelled } = await scanServices(target, {
    ...options,
    slicer,
    onScopeFacts: (root, facts) => {
      scopes.set(root, facts);
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

/** True when some scanned service listed the file (the rules ask for a `Chart.yaml` beside a `templates/` folder). */
export function scannedFileExists(scan: Pick<WorkspaceModelScan, 'scopes'>, path: string): boolean {
  for (const scope of scan.scopes.values()) if (scope.files.has(path)) return true;
  return false;
}

/** The Helm charts the scan listed, as one key (an analysis keyed by it is redone when a chart appears or goes). */
export function chartsKeyOf(scan: Pick<WorkspaceModelScan, 'scopes'>): string {
  const charts = new Set<string>();
  for (const scope of scan.scopes.values())
    for (const path of scope.files.keys()) if (posixBasename(path) === 'Chart.yaml') charts.add(path);
  return [...charts].sort().join('\n');
}
