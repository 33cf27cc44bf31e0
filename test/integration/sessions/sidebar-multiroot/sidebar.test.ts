// The sidebar and the upgrades panel in a multi-root workspace
// (test/fixtures/workspaces/sidebar-multiroot.code-workspace: alpha at scale, beta at prototype,
// gamma without .stage.yml). A window cannot turn into a multi-root workspace without restarting
// the extension host, so this suite is a session of its own, on a copy the runner made.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, panelShows, sidebarShows, sidebarShowsStage, viewsApi, VIEW_TEST_TIMEOUT_MS } from '../../sidebarSupport';

const gammaStageFile = (): vscode.Uri => vscode.Uri.joinPath(folder('gamma').uri, '.stage.yml');

async function removeGammaStageFile(): Promise<void> {
  await vscode.workspace.fs.delete(gammaStageFile()).then(undefined, () => undefined);
}

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  assert.ok(found, `workspace folder ${name} is not open`);
  return found;
}

async function open(folderName: string, relativePath: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(folderName).uri, ...relativePath.split('/')), { preview: false });
}

describe('sidebar: multi-root workspace', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  before(async () => {
    await viewsApi();
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((candidate) => candidate.name),
      ['alpha', 'beta', 'gamma'],
    );
  });
  after(async () => {
    await closeAllEditors();
    // gamma has no .stage.yml in the fixture; leave it that way for whatever runs next.
    await removeGammaStageFile();
  });

  it("describes the first folder's root when no file is open", async () => {
    await closeAllEditors();
    const model = await sidebarShowsStage('scale', vscode.Uri.joinPath(folder('alpha').uri, '.stage.yml'));
    assert.equal(model.stageFile.label, 'alpha/.stage.yml', 'in a multi-root workspace the label names the folder');
  });

  it('follows the active editor from folder to folder, each governed by its own .stage.yml', async () => {
    await open('beta', 'lib/util.ts');
    const beta = await sidebarShowsStage('prototype', vscode.Uri.joinPath(folder('beta').uri, '.stage.yml'));
    assert.deepEqual([beta.displayName, beta.stageFile.label], ['Beta experiment', 'beta/.stage.yml']);

    await open('alpha', 'src/index.ts');
    await sidebarShowsStage('scale', vscode.Uri.joinPath(folder('alpha').uri, '.stage.yml'));
  });

  it("shows the empty state in a folder without .stage.yml: no other folder's file governs it", async () => {
    await open('gamma', 'notes.md');
    const model = await sidebarShows('the empty state for gamma', (candidate) => candidate.kind === 'empty');
    assert.deepEqual(model, { kind: 'empty', reason: 'no-stage-file' });
  });

  it('shows the stage when gamma gets a .stage.yml, and the empty state again once it is deleted', async () => {
    await open('gamma', 'notes.md');
    await sidebarShows('the empty state for gamma', (candidate) => candidate.kind === 'empty');
    await vscode.workspace.fs.writeFile(gammaStageFile(), new TextEncoder().encode('stage: enterprise\n'));
    await sidebarShowsStage('enterprise', gammaStageFile());
    await vscode.workspace.fs.delete(gammaStageFile());
    const model = await sidebarShows('the empty state after the delete', (candidate) => candidate.kind === 'empty');
    assert.deepEqual(model, { kind: 'empty', reason: 'no-stage-file' });
  });

  it('Show Next-Stage Upgrades offers to create a .stage.yml where none governs', async () => {
    await open('gamma', 'notes.md');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const snapshot = await panelShows(
      'upgrades',
      'the no-.stage.yml message, rendered',
      (s) => s.model.kind === 'no-stage-file' && s.rendered,
    );
    assert.equal(snapshot.title, 'Next-Stage Upgrades');
  });

  it('opens the upgrades for the folder in view', async () => {
    await open('beta', 'lib/util.ts');
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    await panelShows('upgrades', "the beta folder's upgrades", (s) => s.title === 'Prototype → MVP');
  });
});
