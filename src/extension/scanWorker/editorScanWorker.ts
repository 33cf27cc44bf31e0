import * as vscode from 'vscode';
import { isLocalToExtensionHost } from '../nodeRealPath';
import { ScanWorkerClient, ScanWorkerStopped, scanInHostRequested } from './scanWorkerClient';

/**
 * The extension's scan worker (docs/editor-scan-worker.md), shared by the workspace model's scans and the Stage
 * view's: started with the first scan of a folder on the extension host's own disk (`file:`, and `vscode-remote:`
 * where the extension runs beside the files), never at activation. Other folders (virtual workspaces: `vscode-vfs:`,
 * `vsls:`), `STAGE_GUIDE_SCAN_IN_HOST=1`, a worker that cannot start or stops, and a scan that fails in the worker
 * are scanned in the host's own thread, as before the worker.
 */
export class EditorScanWorker implements vscode.Disposable {
  private client: ScanWorkerClient | undefined;
  private readonly inHost = scanInHostRequested();
  private reported = false;
  /** Requests the worker answered, and the last reason a scan ran in the host instead (the in-host tests read them). */
  answered = 0;
  fellBack: string | undefined;

  /** Runs `work` in the worker for `folder`; undefined when the folder is scanned in the host (or the worker failed it). */
  async run<T>(folder: vscode.WorkspaceFolder, work: (client: ScanWorkerClient, key: string) => Promise<T>): Promise<T | undefined> {
    if (this.inHost || !isLocalToExtensionHost(folder.uri)) return undefined;
    this.client ??= new ScanWorkerClient();
    if (!this.client.usable) return undefined;
    try {
      const result = await work(this.client, folder.uri.toString());
      this.answered++;
      return result;
    } catch (error) {
      this.report(error);
      return undefined;
    }
  }

  /** Every path the watcher reports under a folder (the worker's cache trusts that nothing else changed). */
  noteChanged(folder: vscode.WorkspaceFolder, path: string): void {
    this.client?.noteChanged(folder.uri.toString(), path);
  }

  forgetChanges(folder?: vscode.WorkspaceFolder): void {
    this.client?.forgetChanges(folder?.uri.toString());
  }

  /** The folders open now: the worker drops the caches of the others. */
  keepFolders(folders: readonly vscode.WorkspaceFolder[]): void {
    this.client?.keepFolders(folders.map((folder) => folder.uri.toString()));
  }

  dispose(): void {
    void this.client?.dispose();
  }

  /** Said once in the extension host's log: the scans go on in the host's thread. */
  private report(error: unknown): void {
    this.fellBack = error instanceof Error ? error.message : String(error);
    if (this.reported && error instanceof ScanWorkerStopped) return;
    if (error instanceof ScanWorkerStopped) this.reported = true;
    console.warn(error instanceof Error ? error.message : String(error));
  }
}

/** The unsaved editors' texts in `folder` (path → text): they win over the disk in the worker's scans, as in the host's. */
export function unsavedTexts(folder: vscode.WorkspaceFolder): Map<string, string> {
  const texts = new Map<string, string>();
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  for (const document of vscode.workspace.textDocuments) {
    const uri = document.uri;
    if (!document.isDirty || uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority) continue;
    if (uri.path.startsWith(base)) texts.set(uri.path, document.getText());
  }
  return texts;
}
