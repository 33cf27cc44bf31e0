// The workspace scans (the deployment model diagnostics are judged by) must follow what the editor itself does to
// files even when the file watcher reports nothing: code-server's watcher was seen missing every event under a folder
// created moments before. Here a WorkspaceFactsService of the test's own is given a watcher that hears nothing, so
// only the editor's save and file-operation events can tell it that a compose file changed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WorkspaceFactsService } from '../../src/extension/configFiles/workspaceFactsService';
import { watchWorkspaceFiles } from '../../src/extension/workspaceFileChanges';
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

describe('every workspace file listener shares one watcher', () => {
  /** A watcher factory that counts what it makes: each watcher's create events are fired by the test. */
  function countingWatchers() {
    const made: Array<{ glob: string; created: vscode.EventEmitter<vscode.Uri>; disposed: boolean }> = [];
    const create = (glob: string): vscode.FileSystemWatcher => {
      const record = { glob, created: new vscode.EventEmitter<vscode.Uri>(), disposed: false };
      made.push(record);
      const never = new vscode.EventEmitter<vscode.Uri>().event;
      return {
        ignoreCreateEvents: false,
        ignoreChangeEvents: true,
        ignoreDeleteEvents: true,
        onDidCreate: record.created.event,
        onDidChange: never,
        onDidDelete: never,
        dispose: () => {
          record.disposed = true;
        },
      };
    };
    return { made, create };
  }

  it('starts one watcher for two listeners, tells both, and stops it with the last', () => {
    const { made, create } = countingWatchers();
    const heardByFacts: string[] = [];
    const heardByEvidence: string[] = [];
    const facts = watchWorkspaceFiles((uri) => heardByFacts.push(uri.path), create);
    const evidence = watchWorkspaceFiles((uri) => heardByEvidence.push(uri.path), create);
    assert.deepEqual(
      made.map((watcher) => watcher.glob),
      ['**/*'],
      'one watcher of the whole workspace',
    );
    made[0].created.fire(vscode.Uri.file('/repo/compose.yaml'));
    assert.deepEqual(heardByFacts, ['/repo/compose.yaml']);
    assert.deepEqual(heardByEvidence, ['/repo/compose.yaml']);

    facts.dispose();
    facts.dispose();
    assert.equal(made[0].disposed, false, 'the other listener still needs the watcher');
    made[0].created.fire(vscode.Uri.file('/repo/Dockerfile'));
    assert.deepEqual(heardByFacts, ['/repo/compose.yaml'], 'a disposed listener hears nothing more');
    assert.deepEqual(heardByEvidence, ['/repo/compose.yaml', '/repo/Dockerfile']);

    evidence.dispose();
    assert.equal(made[0].disposed, true, 'the last listener gone, the watcher stops');
    const again = watchWorkspaceFiles(() => undefined, create);
    assert.equal(made.length, 2, 'a listener after that starts a new watcher');
    again.dispose();
    assert.equal(made[1].disposed, true);
  });

  it('a listener that throws does not keep the others from hearing', () => {
    const { made, create } = countingWatchers();
    const heard: string[] = [];
    const failing = watchWorkspaceFiles(() => {
      throw new Error('a listener’s bug');
    }, create);
    const listening = watchWorkspaceFiles((uri) => heard.push(uri.path), create);
    try {
      // The emitter would swallow the error; without the hub's own catch, the listener after the failing one would never hear.
      assert.doesNotThrow(() => made[0].created.fire(vscode.Uri.file('/repo/compose.yaml')));
    } finally {
      failing.dispose();
      listening.dispose();
    }
    assert.deepEqual(heard, ['/repo/compose.yaml']);
  });
});
