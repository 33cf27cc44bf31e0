// Runs in its own session, on test/fixtures/workspaces/activation-multiroot.code-workspace:
// "docs" (no .stage.yml) first, then "service" (stage: production).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from '../../support/stageGuide';

describe('activation in a multi-root workspace', () => {
  it('activates when only a later workspace folder has a .stage.yml', async function () {
    this.timeout(60_000);
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((folder) => folder.name),
      ['docs', 'service'],
    );
    const api = await activatedApi(55_000);
    assert.ok(Number.isFinite(api.activationMs), `activationMs is ${api.activationMs}`);
  });
});
