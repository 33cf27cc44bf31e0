// Runs in its own session, on test/fixtures/workspaces/evidence-service, so the Stage view has
// never been opened: the extension must not scan the workspace for a view nobody looks at.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SidebarStageModel } from '../../../../src/shared/messages';
import { sidebarShows, viewsApi, VIEW_TEST_TIMEOUT_MS } from '../../sidebarSupport';
import { activatedApi } from '../../support/stageGuide';

describe('evidence: scanned only once someone looks', function () {
  this.timeout(VIEW_TEST_TIMEOUT_MS);

  it('keeps the sidebar model free of evidence until the Stage view opens, then scans', async () => {
    const { sidebar } = await viewsApi();
    const before = (await sidebarShows(
      'the stage, before the view is opened',
      (model) => model.kind === 'stage' && model.stage?.id === 'mvp',
    )) as SidebarStageModel;
    assert.equal(before.evidence, undefined, 'no scan has started');
    assert.equal(sidebar.isRendered(), false, 'the view was never opened');
    const { evidence } = (await activatedApi()).services;
    assert.equal(evidence.engineLoaded, false, 'activation did not load the evidence engine');
    assert.equal(evidence.watching, false, 'activation created no workspace-wide file watcher');

    await vscode.commands.executeCommand('stageGuide.sidebar.focus');
    const after = (await sidebarShows(
      'the evidence, once the view is open',
      (model) => model.kind === 'stage' && model.evidence?.assessed === true,
    )) as SidebarStageModel;
    assert.equal(after.concerns.find((concern) => concern.id === 'fault-tolerance')?.observed?.badge, 'gaps');
    assert.equal(evidence.engineLoaded, true, 'the first scan loaded the engine');
    assert.equal(evidence.watching, true, 'the first scan created the watcher its rescans need');
  });
});
