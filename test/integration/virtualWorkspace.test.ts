// A workspace folder on a file system the extension host has no disk for (a virtual workspace: GitHub Repositories'
// `vscode-vfs:`, Live Share's `vsls:`): the scans still run in the scan worker, which asks the host for each listing,
// stat and read, answered through workspace.fs (docs/editor-scan-worker.md). Registered here as an in-memory provider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadStageFile } from '../../src/core/workspace/stageResolution';
import { WorkspaceFileSystem } from '../../src/extension/workspaceFileSystem';
import { listImpliedDirectory } from '../unit/foundation/memoryFileSystem';
import { stageGuideApi } from './commandsSandbox';

const SCHEME = 'stage-guide-test-virtual';
const TODAY = '2026-01-01';
const FILES: Record<string, string> = {
  '/repo/.stage.yml': 'stage: production\n',
  '/repo/Dockerfile': 'FROM node:20\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
  '/repo/compose.yaml': 'services:\n  web:\n    build: .\n    ports:\n      - "8080:8080"\n',
};

/** A read-only in-memory file system: files by path, folders wherever a file lies below. */
class MemoryFiles implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  readonly reads: string[] = [];

  constructor(private readonly files: Record<string, string>) {}

  stat(uri: vscode.Uri): vscode.FileStat {
    const text = this.files[uri.path];
    if (text !== undefined) return { type: vscode.FileType.File, ctime: 1, mtime: 1, size: Buffer.byteLength(text) };
    if (this.childrenOf(uri.path).length > 0) return { type: vscode.FileType.Directory, ctime: 1, mtime: 1, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): Array<[string, vscode.FileType]> {
    const children = this.childrenOf(uri.path);
    if (children.length === 0) throw vscode.FileSystemError.FileNotFound(uri);
    return children;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const text = this.files[uri.path];
    if (text === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    this.reads.push(uri.path);
    return Buffer.from(text);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  private childrenOf(dir: string): Array<[string, vscode.FileType]> {
    return (listImpliedDirectory(Object.keys(this.files), dir) ?? []).map(({ name, kind }) => [
      name,
      kind === 'directory' ? vscode.FileType.Directory : vscode.FileType.File,
    ]);
  }
}

describe('a virtual workspace folder', () => {
  it("is scanned in the scan worker, which reads it through the extension host's workspace.fs", async function () {
    this.timeout(60_000);
    const api = await stageGuideApi();
    const memory = new MemoryFiles(FILES);
    const registration = vscode.workspace.registerFileSystemProvider(SCHEME, memory, { isReadonly: true });
    try {
      const folder: vscode.WorkspaceFolder = { uri: vscode.Uri.from({ scheme: SCHEME, path: '/repo' }), name: 'virtual', index: 99 };
      const worker = api.services.facts.scanWorker;
      const answered = worker.answered;
      const scan = await worker.run(folder, (client, key, files) => client.modelScan(key, '/repo', { today: TODAY, ...files }));
      assert.ok(scan, `the worker scanned it (the last fallback: ${worker.fellBack})`);
      assert.deepEqual(scan.roots, ['/repo']);
      assert.deepEqual(scan.scopes.get('/repo')?.charts, [], 'no Helm chart');
      assert.ok(memory.reads.includes('/repo/Dockerfile') && memory.reads.includes('/repo/compose.yaml'), memory.reads.join(', '));

      // The Stage view's assessment of the service, judged in the worker too.
      const stageFile = await loadStageFile(new WorkspaceFileSystem(folder.uri), '/repo/.stage.yml', { today: TODAY, root: '/repo' });
      const assessed = await worker.run(folder, (client, key, files) =>
        client.assessScope(key, '/repo', '/repo', stageFile, { today: TODAY, ...files }),
      );
      assert.ok(assessed, `the worker assessed it (the last fallback: ${worker.fellBack})`);
      assert.equal(assessed.service.stage, 'production');
      const dockerfileRules = assessed.service.findings
        .filter((finding) => finding.path === '/repo/Dockerfile')
        .map((finding) => finding.ruleId);
      assert.ok(dockerfileRules.includes('docker/non-root-user'), dockerfileRules.join(', '));
      // At least these two (the session's own scans of its workspace may run through the worker meanwhile).
      assert.ok(worker.answered >= answered + 2, `${worker.answered - answered} answered`);
    } finally {
      registration.dispose();
    }
  });
});
