// Problems in `.stage.yml` files (and the team matrix files they name), from
// the core parser, with exact ranges and stable codes. They follow the
// StageService, which re-resolves shortly after every keystroke in a
// `.stage.yml`, so diagnostics update as the user types, before any save.
import * as vscode from 'vscode';
import type { Severity } from '../../core/text';
import type { StageFileProblem } from '../../core/stageFile/types';
import type { StageFileState } from '../../core/workspace/stageResolution';
import { STAGE_FILE_NAME } from '../../core/workspace/stageResolution';
import { findFilesByName } from '../../core/workspace/findFilesByName';
import { toVscodeRange } from '../edits';
import type { StageService } from '../stageService';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { allowedNow } from '../workspaceTrust';
import { isStageFileUri, stageFileStateAt } from './stageFileState';

export const DIAGNOSTIC_SOURCE = 'Stage Guide';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Enough for any real monorepo; bounds the work of one pass. */
const MAX_STAGE_FILES = 1000;

export function toDiagnostic(problem: StageFileProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(problem.range), problem.message, SEVERITIES[problem.severity]);
  diagnostic.code = problem.code;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}

export class StageFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('stage-guide-stage-files');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private running = false;
  private rerun = false;
  private disposed = false;

  constructor(private readonly stageService: StageService) {
    this.disposables.push(
      stageService.onDidChange(() => this.schedule()),
      vscode.workspace.onDidOpenTextDocument((document) => isStageFileUri(document.uri) && this.schedule()),
      vscode.workspace.onDidCloseTextDocument((document) => isStageFileUri(document.uri) && this.schedule()),
    );
    this.schedule();
  }

  /** Runs a pass now, or once more after the running one (passes never overlap). */
  private schedule(): void {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.rerun && !this.disposed) {
        this.rerun = false;
        this.schedule();
      }
    });
  }

  private async pass(): Promise<void> {
    const next = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const uri of await this.stageFiles()) {
      let state: StageFileState | undefined;
      try {
        state = await stageFileStateAt(uri, this.stageService);
      } catch {
        state = undefined;
      }
      if (!state) continue;
      next.set(uri.toString(), { uri, diagnostics: state.problems.map(toDiagnostic) });
      if (state.teamMatrix) {
        const teamUri = uri.with({ path: state.teamMatrix.path });
        next.set(teamUri.toString(), { uri: teamUri, diagnostics: state.teamMatrix.problems.map(toDiagnostic) });
      }
    }
    if (this.disposed) return;
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!next.has(uri.toString())) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
    for (const { uri, diagnostics } of next.values()) this.collection.set(uri, diagnostics);
  }

  /**
   * Every `.stage.yml` in the workspace (so the Problems view lists them unopened), plus open ones
   * outside it. In Restricted Mode only open ones: listing them all is a walk of the workspace.
   */
  private async stageFiles(): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    if (allowedNow('workspace-scan')) {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        // The core's walk, not findFiles: findFiles follows symbolic links (out of the workspace, or round `self -> .`).
        const walk = await findFilesByName(new WorkspaceFileSystem(folder.uri), [folder.uri.path], {
          wants: (name) => name === STAGE_FILE_NAME,
          maxFiles: MAX_STAGE_FILES,
        });
        for (const path of walk.files) found.set(folder.uri.with({ path }).toString(), folder.uri.with({ path }));
      }
    }
    for (const document of vscode.workspace.textDocuments) {
      if (document.isClosed || !isStageFileUri(document.uri)) continue;
      if (vscode.workspace.getWorkspaceFolder(document.uri) || document.uri.scheme === 'file' || document.uri.scheme === 'untitled') {
        found.set(document.uri.toString(), document.uri);
      }
    }
    return [...found.values()];
  }

  dispose(): void {
    this.disposed = true;
    for (const disposable of this.disposables) disposable.dispose();
  }
}
