import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatusBarProbe } from '../../src/extension/featureContract';
import {
  autoSaveOff,
  Sandbox,
  SETTLE_MS,
  SUITE_TIMEOUT_MS,
  stageGuideApi,
  typeInto,
  waitFor,
  withoutRootStageFile,
} from './commandsSandbox';

const SETTING = 'stageGuide.statusBar.showWhenNoStageFile';

async function statusBar(): Promise<StatusBarProbe> {
  const probe = (await stageGuideApi()).statusBar;
  assert.ok(probe, 'the API exposes no status-bar probe');
  return probe;
}

async function waitForText(probe: StatusBarProbe, expected: string | undefined): Promise<void> {
  await waitFor(() => probe.text() === expected, {
    description: `status bar text ${JSON.stringify(expected)} (now ${JSON.stringify(probe.text())})`,
    timeoutMs: SETTLE_MS,
  });
}

describe('status bar: the governing stage', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    restoreAutoSave = await autoSaveOff();
  });
  after(async () => restoreAutoSave?.());

  before(async () => {
    sandbox = await Sandbox.of('commands-monorepo');
  });
  after(async () => sandbox?.dispose());

  it('shows the short name of the stage governing the active editor, with name, goal and file in the tooltip; clicking opens the sidebar', async () => {
    const probe = await statusBar();
    await sandbox.open('web/app.ts');
    const declaredIn = `Declared in ${vscode.workspace.asRelativePath(sandbox.uri('.stage.yml'))}`;
    // The workspace root may declare MVP too: wait until the sandbox's own file is the one shown.
    await waitFor(() => probe.tooltip()?.includes(declaredIn), {
      description: `a tooltip naming ${declaredIn} (now ${JSON.stringify(probe.tooltip())})`,
      timeoutMs: SETTLE_MS,
    });
    assert.equal(probe.text(), '$(layers) MVP');
    assert.equal(probe.visible(), true);
    assert.equal(probe.command(), 'workbench.view.extension.stage-guide');
    assert.equal(
      probe.tooltip(),
      ['Minimum Viable Product (MVP)', 'Build a functional product', declaredIn, 'Click to open the Stage Guide view.'].join('\n'),
    );
  });

  it("follows the active editor into a nested .stage.yml's subtree and back", async () => {
    const probe = await statusBar();
    await sandbox.open('services/api/handler.ts');
    await waitForText(probe, '$(layers) Production-Ready');
    await sandbox.open('web/app.ts');
    await waitForText(probe, '$(layers) MVP');
  });

  it('updates while .stage.yml is edited, before it is saved, and flags a stage it cannot read', async () => {
    const probe = await statusBar();
    const stageFile = await sandbox.open('.stage.yml');
    await typeInto(stageFile.document, 'stage: mvp', 'stage: scale');
    await sandbox.open('web/app.ts');
    await waitForText(probe, '$(layers) At Scale');
    assert.equal(stageFile.document.isDirty, true);
    await typeInto(stageFile.document, 'stage: scale', 'stage: grown-up');
    await waitForText(probe, '$(layers) Invalid stage');
    assert.ok((probe.tooltip() ?? '').includes('Unknown stage "grown-up"'), probe.tooltip());
    await typeInto(stageFile.document, 'stage: grown-up', 'stage: mvp');
    await waitForText(probe, '$(layers) MVP');
  });
});

describe('status bar: no .stage.yml', function () {
  this.timeout(SUITE_TIMEOUT_MS);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.of('commands-empty');
  });
  after(async () => {
    await vscode.workspace.getConfiguration().update(SETTING, undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.dispose();
  });

  it('is hidden by default, and with the setting on reads "No stage" and offers Create .stage.yml', async () => {
    const probe = await statusBar();
    await withoutRootStageFile(async () => {
      await sandbox.open('src/main.ts');
      await waitFor(() => !probe.visible(), { description: 'the status bar item to hide', timeoutMs: SETTLE_MS });
      await vscode.workspace.getConfiguration().update(SETTING, true, vscode.ConfigurationTarget.Global);
      await waitForText(probe, '$(layers) No stage');
      assert.equal(probe.visible(), true);
      assert.equal(probe.command(), 'stageGuide.createStageFile');
      await vscode.workspace.getConfiguration().update(SETTING, false, vscode.ConfigurationTarget.Global);
      await waitFor(() => !probe.visible(), { description: 'the status bar item to hide again', timeoutMs: SETTLE_MS });
    });
  });

  it('appears as soon as a .stage.yml is created', async () => {
    const probe = await statusBar();
    await withoutRootStageFile(async () => {
      await sandbox.open('src/main.ts');
      await waitFor(() => !probe.visible(), { description: 'the status bar item to hide', timeoutMs: SETTLE_MS });
      await sandbox.write('.stage.yml', 'stage: enterprise\n');
      await waitForText(probe, '$(layers) Enterprise');
      await vscode.workspace.fs.delete(sandbox.uri('.stage.yml'));
      await waitFor(() => !probe.visible(), { description: 'the status bar item to hide after the delete', timeoutMs: SETTLE_MS });
    });
  });
});
