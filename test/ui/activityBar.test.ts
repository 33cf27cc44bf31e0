import * as assert from 'node:assert/strict';
import { sharedWorkbench, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';

describe('activity bar and Stage view', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    workbench = await sharedWorkbench();
  });

  const stageGuideTab = () => workbench.page.locator('.part.activitybar li[role="tab"]:has(> a.action-label[aria-label="Stage Guide"])');

  it('shows the Stage Guide icon in the activity bar', async () => {
    const icon = stageGuideTab().locator('> a.action-label');
    await icon.waitFor({ state: 'visible', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    // The icon is our SVG, drawn as a CSS mask so it takes the theme's colour.
    const mask = await icon.evaluate((element) => {
      const style = getComputedStyle(element);
      return style.maskImage || style.webkitMaskImage;
    });
    assert.match(decodeURIComponent(mask), /\/media\/stage-guide\.svg\b/);
  });

  it('opens the "Stage" view when the icon is clicked', async () => {
    const { page } = workbench;
    await stageGuideTab().click({ timeout: UI_STEP_TIMEOUT_MS });
    await page
      .locator('.part.sidebar .composite.title h2', { hasText: /^Stage Guide: Stage$/i })
      .waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    await page.locator('.part.sidebar .pane-header[aria-label="Stage Section"] h3.title', { hasText: 'Stage' }).waitFor({
      state: 'attached',
      timeout: UI_STEP_TIMEOUT_MS,
    });
    assert.equal(await stageGuideTab().getAttribute('aria-selected'), 'true');
  });
});
