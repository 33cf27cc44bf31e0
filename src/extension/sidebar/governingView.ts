// Resolves what governs a target through the StageService and names its `.stage.yml` the way
// the views show and open it. The one host-side step before the pure view models.
import * as vscode from 'vscode';
import { posixRelative } from '../../core/fileSystem';
import type { Governing } from '../../core/workspace/stageResolution';
import type { StageFileView } from '../../shared/messages';
import type { StageService } from '../stageService';
import type { Target } from './activeTarget';

export interface ResolvedTarget {
  governing: Governing;
  stageFile?: StageFileView;
}

export async function resolveTarget(stageService: StageService, target: Target): Promise<ResolvedTarget> {
  const governing = await stageService.governingFor(target.uri, target.isFolder);
  const folder = vscode.workspace.getWorkspaceFolder(target.uri);
  const path = governing.stageFile?.path;
  if (!folder || path === undefined) return { governing };
  return { governing, stageFile: stageFileView(folder, path, stageService.uriOf(folder.uri, path)) };
}

function stageFileView(folder: vscode.WorkspaceFolder, path: string, uri: vscode.Uri): StageFileView {
  const relative = posixRelative(folder.uri.path, path) ?? path;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return { label: multiRoot ? `${folder.name}/${relative}` : relative, uri: uri.toString() };
}
