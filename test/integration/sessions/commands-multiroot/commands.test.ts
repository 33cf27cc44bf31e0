// Set Stage, the status bar and diagnostics in a multi-root workspace
// (test/fixtures/workspaces/commands-multiroot.code-workspace: web at mvp, api at
// production, docs without .stage.yml). A window cannot become multi-root without
// restarting the extension host, so this suite is a session of its own (see
// runners/paths.ts). It edits the workspace folders themselves (a copy the runner
// made) and puts every file back after each test so the tests stay independent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SetStageResult } from '../../../../src/extension/commands/setStage';
import { closeEditorsUnder, SETTLE_MS, stageGuideApi, SUITE_TIMEOUT_MS, typeInto, waitFor } from '../../commandsSandbox';

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  assert.ok(found, `workspace folder ${name} is not open`);
  return found;
}

const inFolder = (name: string, relativePath: string) => vscode.Uri.joinPath(folder(name).uri, ...relativePath.split('/'));
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const setStage = (arg: unknown) => vscode.commands.executeCommand<SetStageResult | undefined>('stageGuide.setStage', arg);

describe('commands: multi-root workspace', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  const originals = new Map<string, Uint8Array>();

  before(async () => {
    await stageGuideApi();
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((candidate) => candidate.name),
      ['web', 'api', 'docs'],
    );
    for (const name of ['web', 'api']) originals.set(name, await vscode.workspace.fs.readFile(inFolder(name, '.stage.yml')));
  });

  afterEach(async () => {
    for (const name of ['web', 'api', 'docs']) await closeEditorsUnder(folder(name).uri);
    for (const [name, bytes] of originals) await vscode.workspace.fs.writeFile(inFolder(name, '.stage.yml'), bytes);
    await vscode.workspace.fs.delete(inFolder('docs', '.stage.yml')).then(undefined, () => undefined);
  });

  it('Set Stage edits the .stage.yml of the folder the target is in, and no other', async () => {
    const result = await setStage({ stage: 'scale', uri: inFolder('api', 'handler.ts') });
    assert.equal(result?.uri.toString(), inFolder('api', '.stage.yml').toString());
    assert.equal(await read(inFolder('api', '.stage.yml')), 'stage: scale # the API leads\n');
    assert.equal(await read(inFolder('web', '.stage.yml')), '# The web front end.\nstage: mvp\n');
  });

  it("Set Stage creates the missing .stage.yml in the target's own folder, never in another folder", async () => {
    const result = await setStage({ stage: 'prototype', uri: inFolder('docs', 'readme.md'), createIfMissing: true });
    assert.equal(result?.uri.toString(), inFolder('docs', '.stage.yml').toString());
    assert.ok((await read(inFolder('docs', '.stage.yml'))).split('\n').includes('stage: prototype'));
    assert.equal(await read(inFolder('web', '.stage.yml')), '# The web front end.\nstage: mvp\n');
  });

  it('the status bar follows the active editor from folder to folder, naming the folder in the tooltip', async () => {
    const probe = (await stageGuideApi()).statusBar;
    assert.ok(probe, 'the API exposes no status-bar probe');
    const shows = async (description: string, holds: () => boolean) =>
      waitFor(holds, {
        description: `${description} (the item shows ${JSON.stringify(probe.visible() ? probe.text() : 'nothing')})`,
        timeoutMs: SETTLE_MS,
      });
    await vscode.window.showTextDocument(inFolder('api', 'handler.ts'));
    await shows(
      'Production-Ready for api',
      () => probe.text() === '$(layers) Production-Ready' && probe.tooltip()?.includes('Declared in api/.stage.yml') === true,
    );
    await vscode.window.showTextDocument(inFolder('web', 'app.ts'));
    await shows('MVP for web', () => probe.text() === '$(layers) MVP');
    await vscode.window.showTextDocument(inFolder('docs', 'readme.md'));
    await shows('no item for docs, which no .stage.yml governs', () => !probe.visible());
  });

  it('diagnostics follow unsaved edits in any folder', async () => {
    const editor = await vscode.window.showTextDocument(inFolder('api', '.stage.yml'));
    await typeInto(editor.document, 'stage: production', 'stage: prodution');
    await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(editor.document.uri)
          .some((d) => d.source === 'Stage Guide' && d.code === 'unknown-stage' && d.range.isEqual(new vscode.Range(0, 7, 0, 16))),
      { description: 'unknown-stage on api/.stage.yml', timeoutMs: SETTLE_MS },
    );
    assert.deepEqual(
      vscode.languages.getDiagnostics(inFolder('web', '.stage.yml')).filter((d) => d.source === 'Stage Guide'),
      [],
    );
  });
});
