import * as vscode from 'vscode';
import { isLocalToExtensionHost } from '../nodeRealPath';
import { WorkspaceFileSystem } from '../workspaceFileSystem';
import { ScanWorkerClient, ScanWorkerStopped, ScanWorkerStuck, scanInHostRequested } from './scanWorkerClient';
import type { WorkerScanOptions } from './scanWorkerClient';

/** Where the worker reads a folder's files: its own disk, the unsaved editors' texts winning, or through the host. */
export type FolderFiles = Pick<WorkerScanOptions, 'overrides' | 'files'>;

/**
 * The extension's scan worker (docs/editor-scan-worker.md), shared by the workspace model's scans and the Stage
 * view's, started with the first scan, never at activation. A folder on the extension host's own disk (`file:`, and
 * `vscode-remote:` where the extension runs beside the files) is read by the worker itself; another (a virtual
 * workspace: `vscode-vfs:`, `vsls:`) through the host's WorkspaceFileSystem, call by call, so its parses and analyses
 * still leave the host's thread. `STAGE_GUIDE_SCAN_IN_HOST=1`, a worker that cannot start or stops, and a scan that
 * fails in the worker are scanned in the host's own thread, as before the worker; a scan stuck in the worker is not.
 */
export class EditorScanWorker implements vscode.Disposable {
  private client: ScanWorkerClient | undefined;
  private readonly inHost = scanInHostRequested();
  private reported = false;
  /** Requests the worker answered, and the last reason a scan ran in the host instead (the in-host tests read them). */
  answered = 0;
  fellBack: string | undefined;

  /**
   * Runs `work` in the worker for `folder`, given where the worker reads the folder's files (options of its request);
   * undefined when the folder is scanned in the host (or the worker failed it). Throws ScanWorkerStuck when the
   * worker was stopped for saying nothing too long: that work must not run in the host's thread instead.
   */
  async run<T>(
    folder: vscode.WorkspaceFolder,
    work: (client: ScanWorkerClient, key: string, files: FolderFiles) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.inHost) return undefined;
    this.client ??= new ScanWorkerClient();
    if (!this.client.usable) return undefined;
    const files: FolderFiles = isLocalToExtensionHost(folder.uri)
      ? { overrides: unsavedTexts(folder) }
      : { files: new WorkspaceFileSystem(folder.uri) };
    try {
      const result = await work(this.client, folder.uri.toString(), files);
      this.answered++;
      return result;
    } catch (error) {
      this.report(error);
      if (error instanceof ScanWorkerStuck) throw error;
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
function unsavedTexts(folder: vscode.WorkspaceFolder): Map<string, string> {
  const texts = new Map<string, string>();
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  for (const document of vscode.workspace.textDocuments) {
    const uri = document.uri;
    if (!document.isDirty || uri.scheme !== folder.uri.scheme || uri.authority !== folder.uri.authority) continue;
    if (uri.path.startsWith(base)) texts.set(uri.path, document.getText());
  }
  return texts;
}
