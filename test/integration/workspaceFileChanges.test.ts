// The workspace scans (the deployment model diagnostics are judged by) must follow what the editor itself does to
// files even when the file watcher reports nothing: code-server's watcher was seen missing every event under a folder
// created moments before. Here a WorkspaceFactsService of the test's own is given a watcher that hears nothing, so
// only the editor's save and file-operation events can tell it that a compose file changed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WorkspaceFactsService } from '../../src/extension/configFiles/workspaceFactsService';
import { autoSaveOff, Sandbox, SETTLE_MS, SUITE_TIMEOUT_MS, typeInto, waitFor } from './commandsSandbox';
import { closeAllEditors } from './sidebarSupport';
import { deafWatcher } from './support/deafWatcher';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';

describe('workspace scans follow the editor’s saves and file operations when the file watcher says nothing', function () {
  this.timeout(SUITE_TIMEOUT_MS);

  let sandbox: Sandbox;
  let facts: WorkspaceFactsService;
  let restoreAutoSave: () => Promise<void>;

  beforeEach(async () => {
    restoreAutoSave = await autoSaveOff();
    sandbox = await Sandbox.of('sidebar-monorepo');
    await sandbox.write('compose.yaml', COMPOSE);
    facts = new WorkspaceFactsService(undefined, deafWatcher);
  });
  afterEach(async () => {
    facts.dispose();
    await closeAllEditors();
    await sandbox.dispose();
    await restoreAutoSave();
  });

  /** Whether the model of the last scan defines `service` in the compose file at `relativePath`. */
  async function defines(relativePath: string, service: string): Promise<boolean> {
    const uri = sandbox.uri(relativePath);
    const model = await facts.deployment(uri);
    return model.composeService(uri.path, service).some((project) => project.definitions.length > 0);
  }

  async function until(relativePath: string, service: string, expected: boolean): Promise<void> {
    await waitFor(async () => (await defines(relativePath, service)) === expected, {
      description: `the model to ${expected ? 'define' : 'no longer define'} ${service} in ${relativePath}`,
      timeoutMs: SETTLE_MS,
    });
  }

  it('a compose file saved in the editor', async () => {
    assert.equal(await defines('compose.yaml', 'web'), true, 'the first scan read the compose file');
    assert.equal(await defines('compose.yaml', 'api'), false);
    const editor = await sandbox.open('compose.yaml');
    await typeInto(editor.document, 'services:\n', 'services:\n  api:\n    image: example/api:1.0\n');
    assert.ok(await editor.document.save(), 'the save failed');
    await until('compose.yaml', 'api', true);
  });

  it('a compose file created, renamed and deleted by workspace edits (as the explorer does)', async () => {
    assert.equal(await defines('compose.yaml', 'web'), true, 'the first scan read the compose file');

    const created = new vscode.WorkspaceEdit();
    created.createFile(sandbox.uri('tools/compose.yaml'), {
      contents: new TextEncoder().encode('services:\n  worker:\n    image: example/worker:1.0\n'),
    });
    assert.ok(await vscode.workspace.applyEdit(created), 'the create was refused');
    await until('tools/compose.yaml', 'worker', true);

    const renamed = new vscode.WorkspaceEdit();
    renamed.renameFile(sandbox.uri('tools/compose.yaml'), sandbox.uri('tools/docker-compose.yml'));
    assert.ok(await vscode.workspace.applyEdit(renamed), 'the rename was refused');
    await until('tools/docker-compose.yml', 'worker', true);
    assert.equal(await defines('tools/compose.yaml', 'worker'), false, 'the old name is gone from the model');

    const deleted = new vscode.WorkspaceEdit();
    deleted.deleteFile(sandbox.uri('tools/docker-compose.yml'));
    assert.ok(await vscode.workspace.applyEdit(deleted), 'the delete was refused');
    await until('tools/docker-compose.yml', 'worker', false);
  });
});
