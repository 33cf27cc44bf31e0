import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activatedApi, stageGuideExtension } from './support/stageGuide';

/**
 * activate()'s budget in the real extension host. Generous on purpose (a shared 2-core CI
 * machine, a cold host): it catches a start-up that parses data, scans or loads the evidence
 * engine, not a few milliseconds. `npm run bench` prints the measured figure.
 */
export const ACTIVATION_BUDGET_MS = 250;

/** Where `npm run bench` asks for the measured figure (the runner passes its environment to the host). */
const ACTIVATION_REPORT_ENV = 'STAGE_GUIDE_ACTIVATION_REPORT';

describe('activation', () => {
  it('activates by itself in a workspace with .stage.yml and reports how long activate() took', async function () {
    // Usually the first test of the run: the extension host may still be starting up.
    this.timeout(60_000);
    const api = await activatedApi(55_000);
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs), `activationMs is ${api.activationMs}`);
    assert.ok(api.activationMs >= 0, `activationMs is ${api.activationMs}`);
    const reportFile = process.env[ACTIVATION_REPORT_ENV];
    if (reportFile) fs.writeFileSync(reportFile, JSON.stringify({ activationMs: api.activationMs }));
    assert.ok(
      api.activationMs < ACTIVATION_BUDGET_MS,
      `activate() took ${api.activationMs.toFixed(1)} ms, over its ${ACTIVATION_BUDGET_MS} ms budget`,
    );
  });

  it('exports only activationMs to other extensions; the probes come through __testProbes in a test-mode host', async () => {
    await activatedApi();
    const exported = stageGuideExtension().exports;
    assert.deepEqual(Object.keys(exported).sort(), ['__testProbes', 'activationMs']);
    assert.ok(exported.__testProbes?.services.stageService, 'the probes carry the shared services');
  });
});
