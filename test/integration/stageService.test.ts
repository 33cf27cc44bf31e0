// The StageService's answers must follow the disk even when the file watcher reports nothing: code-server's
// watcher was seen missing every event under a folder created moments before. Here the service is given a
// watcher that hears nothing, so only its re-check against the disk can notice a change made with workspace.fs
// (which fires no onDidCreateFiles / onDidDeleteFiles).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { builtinMatrix } from '../../src/core/matrix/builtinMatrix';
import { StageService } from '../../src/extension/stageService';
import { Sandbox, SUITE_TIMEOUT_MS } from './commandsSandbox';
import { deafWatcher } from './support/deafWatcher';

/** Long enough for a few re-checks at the test's interval, short of the suite's timeout. */
const NOTICED_WITHIN_MS = 5_000;
const RECHECK_EVERY_MS = 250;

describe('StageService: follows the disk when the file watcher says nothing', function () {
  this.timeout(SUITE_TIMEOUT_MS);

  let sandbox: Sandbox;
  let service: StageService;

  beforeEach(async () => {
    sandbox = await Sandbox.of('sidebar-monorepo');
    service = new StageService(undefined, { createWatcher: deafWatcher, recheckEveryMs: RECHECK_EVERY_MS });
  });
  afterEach(async () => {
    service.dispose();
    await sandbox.dispose();
  });

  /** Resolves once the service says something changed; rejects if it says nothing in time. */
  function nextChange(what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`the service did not notice ${what} within ${NOTICED_WITHIN_MS} ms`));
      }, NOTICED_WITHIN_MS);
      const subscription = service.onDidChange(() => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      });
    });
  }

  async function stageOf(relativePath: string): Promise<[string | undefined, string | undefined]> {
    const governing = await service.governingFor(sandbox.uri(relativePath));
    return [governing.stage, governing.stageFile?.path];
  }

  it('notices the nearest .stage.yml deleted, written again, and edited', async () => {
    const server = 'services/api/src/server.ts';
    assert.deepEqual(await stageOf(server), ['production', sandbox.uri('services/api/.stage.yml').path]);

    let changed = nextChange('the delete');
    await vscode.workspace.fs.delete(sandbox.uri('services/api/.stage.yml'));
    await changed;
    assert.deepEqual(await stageOf(server), ['mvp', sandbox.uri('.stage.yml').path]);

    changed = nextChange('the file written again');
    await sandbox.write('services/api/.stage.yml', 'stage: enterprise\n');
    await changed;
    assert.deepEqual(await stageOf(server), ['enterprise', sandbox.uri('services/api/.stage.yml').path]);

    changed = nextChange('the edit');
    await sandbox.write('services/api/.stage.yml', 'stage: scale\n');
    await changed;
    assert.deepEqual(await stageOf(server), ['scale', sandbox.uri('services/api/.stage.yml').path]);
  });

  it('tells its listeners when a later question finds another answer than the one they were given', async () => {
    // No re-check in this test: only questions. A view asked, the file was deleted (its event lost), then another
    // part of the editor asked first: the view must hear of it, though the re-check would find the disk as last told.
    const quiet = new StageService(undefined, { createWatcher: deafWatcher, recheckEveryMs: 3_600_000 });
    try {
      const server = sandbox.uri('services/api/src/server.ts');
      assert.equal((await quiet.governingFor(server)).stage, 'production');
      await vscode.workspace.fs.delete(sandbox.uri('services/api/.stage.yml'));
      const changed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change told within ${NOTICED_WITHIN_MS} ms`)), NOTICED_WITHIN_MS);
        const subscription = quiet.onDidChange(() => {
          clearTimeout(timer);
          subscription.dispose();
          resolve();
        });
      });
      assert.equal(await quiet.stageFilePathFor(server), sandbox.uri('.stage.yml').path, 'the later question');
      await changed;
      assert.equal(await quiet.recheck(), false, 'and nothing is left for the re-check to report');
    } finally {
      quiet.dispose();
    }
  });

  it('notices a team matrix edited', async () => {
    await sandbox.write('team-matrix.yml', 'concerns:\n  - id: security\n    cells:\n      mvp:\n        text: "Team SSO"\n');
    await sandbox.write('.stage.yml', 'stage: mvp\nmatrix: team-matrix.yml\n');
    const securityText = async () =>
      (await service.governingFor(sandbox.uri('web/app.ts'))).matrix.concerns.find((concern) => concern.id === 'security')?.cells.mvp?.text;
    assert.equal(await securityText(), 'Team SSO');

    const changed = nextChange('the team matrix edit');
    await sandbox.write('team-matrix.yml', 'concerns:\n  - id: security\n    cells:\n      mvp:\n        text: "Team SSO and MFA"\n');
    await changed;
    assert.equal(await securityText(), 'Team SSO and MFA');

    // A matrix no .stage.yml names any more: its edit is reported once at most, not at every re-check after.
    let changes = nextChange('the .stage.yml without matrix:');
    await sandbox.write('.stage.yml', 'stage: mvp\n');
    await changes;
    assert.equal(await securityText(), builtinMatrix().concerns.find((concern) => concern.id === 'security')?.cells.mvp.text);
    changes = nextChange('the edit of the matrix no one names');
    await sandbox.write('team-matrix.yml', 'concerns: []\n');
    await changes;
    assert.equal(await service.recheck(), false, 'reported again');
    assert.equal(await service.recheck(), false, 'reported again');
  });

  it('finds nothing changed while nothing that decides changed', async () => {
    await stageOf('services/api/src/server.ts');
    await sandbox.write('services/api/src/server.ts', 'export const changed = true;\n');
    // Asked directly (an onDidChange could come from elsewhere: a document of an earlier test closed late).
    assert.equal(await service.recheck(), false);
    assert.equal(await service.recheck(), false);
  });
});
