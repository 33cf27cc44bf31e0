// Restricted Mode as a person meets it: the restricted-mode fixture opened untrusted (Workspace
// Trust on, no startup prompt), the sidebar's notice saying what is off, its button reached and
// pressed from the keyboard opening VS Code's trust editor, and — once the person trusts the
// folder there — the team matrix and the workspace scan starting without a reload.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { openWorkbench, repoRoot, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';
import { activeTabLabel, openStageGuideSidebar, renderedText } from './sidebarPage';

const UNTRUSTED = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

describe('Restricted Mode: the sidebar says what is off, and trusting turns it on', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await openWorkbench({
      workspace: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'restricted-mode'),
      settings: UNTRUSTED,
    });
  });

  after(async function () {
    this.timeout(60_000);
    await workbench?.close();
  });

  it('shows the notice: the scan and the team matrix are off; the built-in matrix is shown', async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const frame = await openStageGuideSidebar(workbench.page);
    const notice = frame.getByRole('note', { name: 'Restricted Mode' });
    await notice.waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const text = await notice.innerText();
    assert.match(text, /workspace scan .* is off until you trust this workspace/);
    assert.match(text, /team matrix named by matrix: is not read/);
    assert.ok(!(await renderedText(frame)).includes('Compliance'), "the team matrix's concern is not shown");
  });

  it('its button is reached from the keyboard and opens the trust editor', async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS);
    const { page } = workbench;
    const frame = await openStageGuideSidebar(page);
    const manage = frame.getByRole('button', { name: 'Manage Workspace Trust' });
    await manage.focus();
    assert.equal(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusKey), 'manage-trust');
    await page.keyboard.press('Enter');
    await page.locator('.workspace-trust-editor').waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    assert.match(await activeTabLabel(page), /Workspace Trust/);
  });

  it('trusting the folder there reads the team matrix and starts the scan, without a reload', async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const { page } = workbench;
    await page
      .locator('.workspace-trust-editor .workspace-trust-buttons-row')
      .getByRole('button', { name: 'Trust', exact: true })
      .click({ timeout: UI_STEP_TIMEOUT_MS });
    const frame = await openStageGuideSidebar(page);
    await frame.getByRole('note', { name: 'Restricted Mode' }).waitFor({ state: 'detached', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    await frame.locator('.concern-name', { hasText: 'Compliance' }).waitFor({ timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    // The scan runs now: its badges appear on the concerns.
    await frame.locator('.badge').first().waitFor({ timeout: WORKBENCH_LOAD_TIMEOUT_MS });
  });
});
