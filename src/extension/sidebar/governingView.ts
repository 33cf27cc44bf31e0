// Resolves what governs a target through the StageService and names its `.stage.yml` the way
// the views show and open it. The one host-side step before the pure view models.
import * as vscode from 'vscode';
import { posixRelative } from '../../core/fileSystem';
import type { Governing } from '../../core/workspace/stageResolution';
import type { StageFileView } from '../../shared/messages';
import type { EvidenceService } from '../evidence/evidenceService';
import type { EvidenceSnapshot, PlaceNamer } from '../evidence/evidenceViews';
import type { StageService } from '../stageService';
import type { Target } from './activeTarget';

export interface ResolvedTarget {
  governing: Governing;
  stageFile?: StageFileView;
  /** The workspace folder of the target, when it is in one. */
  folder?: vscode.WorkspaceFolder;
}

export async function resolveTarget(stageService: StageService, target: Target): Promise<ResolvedTarget> {
  const governing = await stageService.governingFor(target.uri, target.isFolder);
  const folder = vscode.workspace.getWorkspaceFolder(target.uri);
  const path = governing.stageFile?.path;
  if (!folder || path === undefined) return { governing, ...(folder ? { folder } : {}) };
  const uri = stageService.uriOf(folder.uri, path);
  return { governing, folder, stageFile: { label: workspaceLabel(folder, path), uri: uri.toString() } };
}

/** The evidence of the service a resolved target belongs to, and how its files are named; undefined without a `.stage.yml` or with scanning off. */
export function evidenceOf(
  resolved: ResolvedTarget,
  evidence: EvidenceService,
): { snapshot: EvidenceSnapshot; places: PlaceNamer } | undefined {
  const { folder } = resolved;
  const path = resolved.governing.stageFile?.path;
  if (!folder || path === undefined) return undefined;
  const snapshot = evidence.snapshot(folder, path);
  if (!snapshot) return undefined;
  return {
    snapshot,
    places: {
      uri: (filePath) => folder.uri.with({ path: filePath, query: '', fragment: '' }).toString(),
      label: (filePath) => workspaceLabel(folder, filePath),
    },
  };
}

/** A path as people read it: relative to its workspace folder, prefixed with the folder's name in a multi-root workspace. */
function workspaceLabel(folder: vscode.WorkspaceFolder, path: string): string {
  const relative = posixRelative(folder.uri.path, path) ?? path;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return multiRoot ? `${folder.name}/${relative}` : relative;
}
