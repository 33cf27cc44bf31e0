// Evidence as a person sees it in the real workbench: the sidebar's badges and observed stages
// once the workspace is scanned, a practice's evidence link that opens the file, and the
// upgrades checklist whose "apply fix" button edits the Dockerfile.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readmeScreenshotRequested, saveReadmeSidebarScreenshot } from './support/screenshots';
import { openWorkbench, repoRoot, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';
import { activeTabLabel, openStageGuideSidebar, runFromCommandPalette, webviewFrame } from './sidebarPage';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'evidence-service');

describe('evidence in the workbench: a Node service at MVP', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await openWorkbench({ workspace: FIXTURE });
  });
  after(async () => workbench?.close());

  it('shows a badge on every concern and the concerns observed below MVP, once the workspace is scanned', async () => {
    const frame = await openStageGuideSidebar(workbench.page);
    // The scan runs after the first render: wait for its badges.
    await frame.locator('li.concern .badge').nth(11).waitFor({ timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    const badges = await frame
      .locator('li.concern')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-concern'), item.querySelector('.badge')?.textContent]));
    assert.deepEqual(Object.fromEntries(badges), {
      goal: 'Gaps',
      architecture: 'Gaps',
      'tech-stack': 'Gaps',
      database: 'Unknown',
      scalability: 'Unknown',
      'fault-tolerance': 'Gaps',
      security: 'Gaps',
      'testing-deployment': 'Gaps',
      'monitoring-logging': 'Gaps',
      'cost-efficiency': 'Unknown',
      'data-processing': 'Unknown',
      'inter-service-communication': 'Gaps',
    });
    const summary = await frame.locator('.evidence-summary').innerText();
    assert.match(summary, /Observed below the declared stage/i);
    assert.match(summary, /Tech Stack: observed Prototype/);
    assert.equal(await frame.locator('li.concern[data-concern="tech-stack"] .observed').innerText(), 'Observed: Prototype');
    assert.equal(
      await frame.locator('li.concern[data-concern="database"] .observed').count(),
      0,
      'an Unknown badge needs no observed line',
    );
    if (readmeScreenshotRequested()) console.log(`    saved ${await saveReadmeSidebarScreenshot(workbench.page)}`);
  });

  it('jumps from the summary to a concern, opened, and an evidence link opens the file', async () => {
    const { page } = workbench;
    const frame = await openStageGuideSidebar(page);
    await frame.locator('.evidence-summary button', { hasText: 'Fault Tolerance' }).click({ timeout: UI_STEP_TIMEOUT_MS });
    await frame.locator('#concern-button-fault-tolerance[aria-expanded="true"]').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    assert.equal(
      await frame.evaluate(() => document.activeElement?.id),
      'concern-button-fault-tolerance',
      'the focus follows to the concern',
    );
    const practice = frame.locator('#concern-body-fault-tolerance li.practice[data-practice="fault-tolerance/mvp/auto-restart"]');
    await practice.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    assert.equal(await practice.locator('.status-missing').count(), 1, 'the practice is marked missing');
    const text = await practice.innerText();
    assert.match(text, /no restart policy/);
    assert.match(text, /Would be met by/i);
    await practice.locator('.counter-evidence button', { hasText: 'compose.yaml:2' }).click({ timeout: UI_STEP_TIMEOUT_MS });
    await page.locator('.part.editor .tab.active', { hasText: 'compose.yaml' }).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  });

  it('shows Show Next-Stage Upgrades as a checklist, and its "apply fix" button edits the Dockerfile', async () => {
    const { page } = workbench;
    await runFromCommandPalette(page, 'Stage Guide: Show Next-Stage Upgrades');
    const frame = await webviewFrame(page, 'upgrades');
    assert.equal(await activeTabLabel(page), 'MVP → Production-Ready');
    const totals = frame.locator('.readiness-totals');
    await totals.waitFor({ timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    assert.match(await totals.innerText(), /^\d+ of \d+ new practices met, \d+ missing, \d+ not observable$/);
    const security = frame.locator('li.upgrade[data-concern="security"]');
    assert.equal(await security.locator('li.practice[data-practice="security/production/security-policy"] .status-missing').count(), 1);
    const finding = security.locator('li.finding[data-rule="docker/non-root-user"]');
    assert.match(await finding.innerText(), /runs as root/);
    await finding.locator('button', { hasText: /USER/ }).click({ timeout: UI_STEP_TIMEOUT_MS });
    await page.locator('.part.editor .tab.active', { hasText: 'Dockerfile' }).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    await page
      .locator('.part.editor .monaco-editor .view-line', { hasText: 'USER 10001:10001' })
      .first()
      .waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  });
});
