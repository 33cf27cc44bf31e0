import { MAX_READ_BYTES, textOf } from '../../core/fileSystem';
import type { CoreFileSystem, DirectoryEntry, FileFacts, FileRead } from '../../core/fileSystem';
import type { FromScanWorker, HostFileCall } from './messages';

/**
 * The scan worker's file system for a folder that is not on the extension host's disk (a virtual workspace:
 * `vscode-vfs:`, `vsls:`; see docs/editor-scan-worker.md): each listing, stat and read is asked of the host, which
 * answers through its WorkspaceFileSystem (vscode.workspace.fs, unsaved editors' texts winning) — the answers the
 * in-host scan would get, while the parses and analyses, and what they hold, stay in the worker.
 */
export class HostFileCalls {
  private nextCall = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly post: (message: FromScanWorker) => void) {}

  /** The file system of the scan request `id`: its calls carry the request, so the host answers with that folder's files. */
  fileSystem(id: number): CoreFileSystem {
    const ask = <T>(request: HostFileCall) => this.ask<T>(id, request);
    const readFile = (path: string, maxBytes = MAX_READ_BYTES) => ask<FileRead>({ op: 'readFile', path, maxBytes });
    return {
      readFile,
      async readText(path) {
        return textOf(await readFile(path));
      },
      readDirectory: (path) => ask<DirectoryEntry[] | undefined>({ op: 'readDirectory', path }),
      stat: (path) => ask<FileFacts | undefined>({ op: 'stat', path }),
      realPath: (path) => ask<string | undefined>({ op: 'realPath', path }),
    };
  }

  /** The host's `fileAnswer`. A call the host could not answer fails, and with it the scan that made it (the host then scans in its own thread). */
  answered(call: number, value: unknown, failed: string | undefined): void {
    const waiting = this.waiting.get(call);
    if (!waiting) return;
    this.waiting.delete(call);
    if (failed === undefined) waiting.resolve(value);
    else waiting.reject(new Error(`the host could not answer a file system call: ${failed}`));
  }

  private ask<T>(id: number, request: HostFileCall): Promise<T> {
    const call = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(call, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ type: 'fileCall', id, call, request });
    });
  }
}

/** Runs one `fileCall` on the host's file system (the host's side of HostFileCalls). */
export function callOn(files: CoreFileSystem, request: HostFileCall): Promise<unknown> {
  switch (request.op) {
    case 'readFile':
      return files.readFile(request.path, request.maxBytes);
    case 'readDirectory':
      return files.readDirectory(request.path);
    case 'stat':
      return files.stat(request.path);
    case 'realPath':
      return files.realPath(request.path);
  }
}
