// Each Stage Guide view — the Stage sidebar, the Upgrades checklist and the Matrix panel — in
// Dark Modern, Light Modern and High Contrast, switched within one workbench: the page takes the
// theme's colours (no colour of its own), its texts stand out from their background, nothing is
// wider than the view, and wrapped list lines start where their text starts. A screenshot of
// each goes to test-results/screenshots/<view>-<theme>.png to look at (not compared to a golden
// picture: fonts differ between machines).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { measureColours, measureWrapping, saveThemeScreenshot, THEMES, useTheme, waitForWebviewTheme } from './support/themes';
import type { ColourReport, Theme } from './support/themes';
import { openWorkbench, repoRoot, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';
import { openStageGuideSidebar, runFromCommandPalette, webviewFrame } from './sidebarPage';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'evidence-service');
/** Concerns opened in the sidebar: between them, practices with evidence links, "would be met by" lists and next-stage blocks. */
const OPENED = ['testing-deployment', 'fault-tolerance', 'security'];
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

function assertThemeColours(report: ColourReport, theme: Theme): void {
  const summary = JSON.stringify(report, null, 2);
  assert.ok(
    theme.dark ? report.backgroundLuminance < 0.1 : report.backgroundLuminance > 0.8,
    `the background is not ${theme.dark ? 'dark' : 'light'}:\n${summary}`,
  );
  assert.equal(report.bodyColor, report.themeForeground, "the body text is not the theme's --vscode-foreground");
  assert.ok(
    [TRANSPARENT, report.themeBackground].includes(report.bodyBackground),
    `the body paints its own background ${report.bodyBackground}`,
  );
  assert.ok(report.bodyContrast >= 4.5, `body text contrast ${report.bodyContrast.toFixed(2)}:1 is below 4.5:1`);
  assert.ok(report.textsMeasured >= 10, `only ${report.textsMeasured} texts were measured`);
  assert.deepEqual(report.lowContrast, [], 'texts below 3:1 against their background');
  assert.ok(report.overflowPx <= 0, `the content is ${report.overflowPx}px wider than the view`);
}

describe('Stage Guide views in Dark Modern, Light Modern and High Contrast', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await openWorkbench({ workspace: FIXTURE });
    const frame = await openStageGuideSidebar(workbench.page);
    // Wait for the scan, so the evidence (badges, links, "would be met by") is on screen.
    await frame.locator('li.concern .badge').nth(11).waitFor({ timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    for (const id of OPENED) {
      const button = frame.locator(`#concern-button-${id}`);
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click({ timeout: UI_STEP_TIMEOUT_MS });
      await frame.locator(`#concern-body-${id}`).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    }
    const toggle = frame.getByRole('switch');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click({ timeout: UI_STEP_TIMEOUT_MS });
  });
  after(async () => workbench?.close());

  for (const theme of THEMES) {
    describe(theme.label, () => {
      before(async () => useTheme(workbench, theme));

      it("the Stage sidebar takes the theme's colours, has no overflow, and its wrapped lists hang at their text", async () => {
        const { page } = workbench;
        const frame = await openStageGuideSidebar(page);
        await waitForWebviewTheme(frame, theme);
        await frame.locator(`#concern-body-${OPENED[0]} .evidence li`).first().waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
        // The picture shows an opened concern: its practices, evidence links and lists.
        await frame.locator(`#concern-button-${OPENED[0]}`).evaluate((button) => button.scrollIntoView({ block: 'start' }));
        const file = await saveThemeScreenshot(page, '.part.sidebar', `sidebar-${theme.slug}`);
        const report = await measureColours(frame, '--vscode-sideBar-background');
        assertThemeColours(report, theme);
        // The webview's background variable is the workbench's own sidebar colour.
        const workbenchSidebar = await page
          .locator('.part.sidebar')
          .first()
          .evaluate((part) => getComputedStyle(part).backgroundColor);
        assert.equal(report.themeBackground, workbenchSidebar, `see ${file}`);
        const wrapping = await measureWrapping(frame);
        assert.ok(wrapping.wrapped >= 3, `only ${wrapping.wrapped} wrapped lines at the sidebar's default width: nothing to check`);
        assert.deepEqual(wrapping.misaligned, [], `see ${file}`);
        assert.deepEqual(wrapping.iconOverText, [], `see ${file}`);
      });

      it("the Upgrades checklist takes the theme's colours and has no overflow", async () => {
        const frame = await showPanel('Stage Guide: Show Next-Stage Upgrades', 'upgrades');
        await waitForWebviewTheme(frame, theme);
        const file = await saveThemeScreenshot(workbench.page, '.part.editor', `upgrades-${theme.slug}`);
        assertThemeColours(await measureColours(frame, '--vscode-editor-background'), theme);
        const wrapping = await measureWrapping(frame);
        assert.deepEqual(wrapping.misaligned, [], `see ${file}`);
      });

      it("the Matrix panel takes the theme's colours and has no overflow (its table scrolls in its own box)", async () => {
        const frame = await showPanel('Stage Guide: Show Stage Matrix', 'matrix');
        await waitForWebviewTheme(frame, theme);
        await saveThemeScreenshot(workbench.page, '.part.editor', `matrix-${theme.slug}`);
        assertThemeColours(await measureColours(frame, '--vscode-editor-background'), theme);
      });
    });
  }

  async function showPanel(command: string, view: 'upgrades' | 'matrix'): Promise<Frame> {
    await runFromCommandPalette(workbench.page, command);
    return webviewFrame(workbench.page, view);
  }
});
