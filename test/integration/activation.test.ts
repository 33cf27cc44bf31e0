import * as assert from 'node:assert/strict';
import { activatedApi } from './support/stageGuide';

describe('activation', () => {
  it('activates by itself in a workspace with .stage.yml and reports how long activate() took', async function () {
    // Usually the first test of the run: the extension host may still be starting up.
    this.timeout(60_000);
    const api = await activatedApi(55_000);
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs), `activationMs is ${api.activationMs}`);
    assert.ok(api.activationMs >= 0, `activationMs is ${api.activationMs}`);
  });
});
