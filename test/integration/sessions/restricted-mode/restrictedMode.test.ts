// Runs in its own session, with Workspace Trust switched on (user-settings.json next to this
// file) and no startup prompt, so test/fixtures/workspaces/restricted-mode opens untrusted: VS
// Code's Restricted Mode. What runs there is decided by src/core/workspace/trustPolicy.ts: the
// files in view are read and checked, edits the user asks for happen; `matrix:` is not followed
// and the workspace is not walked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageGuideTestApi } from '../../support/stageGuide';
import type { SidebarStageModel } from '../../../../src/shared/messages';
import { SETTLE_MS, stageGuideApi, waitFor, workspaceRoot } from '../../commandsSandbox';
import { sidebarShows, VIEW_TEST_TIMEOUT_MS } from '../../sidebarSupport';

const codes = (uri: vscode.Uri): string[] =>
  vscode.languages
    .getDiagnostics(uri)
    .map((diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)));

describe('Restricted Mode: an untrusted workspace', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);
  let api: StageGuideTestApi;
  let root: vscode.Uri;

  before(async () => {
    // Without this the session would prove nothing: its settings must open the folder untrusted.
    assert.equal(vscode.workspace.isTrusted, false, 'the restricted-mode session opens its workspace untrusted (see user-settings.json)');
    api = await stageGuideApi();
    root = workspaceRoot();
  });

  it('the sidebar says the scan and the team matrix are off, and shows the built-in matrix', async () => {
    await vscode.commands.executeCommand('stageGuide.sidebar.focus');
    const model = (await sidebarShows(
      'the Restricted Mode notice',
      (shown) => shown.kind === 'stage' && shown.stage?.id === 'mvp' && shown.restricted !== undefined,
    )) as SidebarStageModel;
    assert.deepEqual(model.restricted, { scanOff: true, teamMatrixOff: true });
    assert.equal(model.evidence, undefined, 'no evidence: the scan does not run');
    assert.ok(
      !model.concerns.some((concern) => concern.id === 'compliance'),
      "the team matrix's added concern is not shown: it was not read",
    );
    const folder = vscode.workspace.workspaceFolders![0];
    assert.equal(
      api.services.evidence.snapshot(folder, `${root.path}/.stage.yml`),
      undefined,
      'the evidence service starts no scan, even with the view open',
    );
  });

  it('the upgrades checklist says the same', async () => {
    await vscode.commands.executeCommand('stageGuide.showUpgrades');
    const shown = await waitFor(
      () => {
        const model = api.panels?.upgrades()?.model;
        return model?.kind === 'upgrade' && model.restricted ? model : undefined;
      },
      { description: 'the upgrades panel with the Restricted Mode notice', timeoutMs: SETTLE_MS },
    );
    assert.deepEqual(shown.restricted, { scanOff: true, teamMatrixOff: true });
    assert.equal(shown.readiness, undefined, 'no checklist statuses: the scan does not run');
  });

  it('never reads the team matrix: the .stage.yml says why at `matrix:`', async () => {
    const stageFile = vscode.Uri.joinPath(root, '.stage.yml');
    // In Restricted Mode only open `.stage.yml` files are checked (listing them all is a walk).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(stageFile));
    await waitFor(() => codes(stageFile).includes('matrix-not-read'), {
      description: 'matrix-not-read on .stage.yml',
      timeoutMs: SETTLE_MS,
    });
    const teamMatrix = vscode.Uri.joinPath(root, 'team-matrix.yml');
    assert.equal(api.services.stageService.isStageInput(teamMatrix), false, 'the StageService never read team-matrix.yml');
    const governing = await api.services.stageService.governingFor(stageFile);
    assert.equal(governing.stageFile?.teamMatrix, undefined);
  });

  it('does not walk the workspace: an unopened .stage.yml is not listed, workspace facts stay unknown', async () => {
    const stageFile = vscode.Uri.joinPath(root, '.stage.yml');
    // The open root file's diagnostics mean a diagnostics pass has run.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(stageFile));
    await waitFor(() => codes(stageFile).length > 0, { description: 'diagnostics on .stage.yml', timeoutMs: SETTLE_MS });
    const nested = vscode.Uri.joinPath(root, 'services', 'api', '.stage.yml');
    assert.deepEqual(codes(nested), [], 'services/api/.stage.yml is not found by a walk');
    assert.equal((await api.services.facts.current()).deploysWithKubernetes, false, 'k8s/deploy.yaml was not read');

    // The file in view is read and checked, like VS Code's own language features do.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(nested));
    await waitFor(() => codes(nested).includes('unknown-stage'), {
      description: 'unknown-stage on the opened services/api/.stage.yml',
      timeoutMs: SETTLE_MS,
    });
  });

  it('config-file guidance on the file in view still works', async () => {
    const dockerfile = vscode.Uri.joinPath(root, 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile));
    await waitFor(() => codes(dockerfile).includes('docker/tls-verification-disabled'), {
      description: 'the curl -k finding on the Dockerfile',
      timeoutMs: SETTLE_MS,
    });
  });

  it('Set Stage, which the user asks for by name, still edits .stage.yml', async () => {
    const stageFile = vscode.Uri.joinPath(root, '.stage.yml');
    const result = await vscode.commands.executeCommand<{ changed: boolean } | undefined>('stageGuide.setStage', {
      stage: 'production',
      uri: root,
    });
    assert.equal(result?.changed, true);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(stageFile));
    assert.match(text, /^stage: production$/m);
    assert.match(text, /^matrix: team-matrix\.yml$/m, 'the rest of the file is kept');
  });
});
