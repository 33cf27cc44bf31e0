import * as assert from 'node:assert/strict';
import { activatedApi } from './support/stageGuide';

describe('activation', () => {
  it('activates by itself in a workspace with .stage.yml and reports how long activate() took', async () => {
    const api = await activatedApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs), `activationMs is ${api.activationMs}`);
    assert.ok(api.activationMs >= 0, `activationMs is ${api.activationMs}`);
  });
});
