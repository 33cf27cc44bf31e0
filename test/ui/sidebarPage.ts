// Reaching Stage Guide's webviews in the real workbench. A webview's content lives two iframes
// deep (VS Code's host frame, then the page our HTML shell builds); our <body> names its view
// (data-view="sidebar" | "upgrades" | "matrix"), which is how the frame is found.
import type { Frame, Page } from 'playwright-core';
import { waitFor } from '../../scripts/code-server/waitFor';
import { UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS } from './support/workbench';

export type WebviewKind = 'sidebar' | 'upgrades' | 'matrix';

/** The frame holding our page for `view`, once the host's model is on screen (aria-busy="false"). */
export async function webviewFrame(page: Page, view: WebviewKind, timeoutMs = UI_STEP_TIMEOUT_MS): Promise<Frame> {
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        const rendered = await frame
          .evaluate(
            (wanted) => document.body?.dataset.view === wanted && document.getElementById('root')?.getAttribute('aria-busy') === 'false',
            view,
          )
          .catch(() => false);
        if (rendered) return frame;
      }
      return undefined;
    },
    { description: `the ${view} webview to render`, timeoutMs, pollMs: 200 },
  );
}

/**
 * Waits until the upgrades panel shows a finished scan: its totals are there and no scan is running
 * (a running scan shows a status line above the checklist and re-renders when it ends).
 */
export async function waitForScanSettled(frame: Frame, timeoutMs = WORKBENCH_LOAD_TIMEOUT_MS): Promise<void> {
  await frame.waitForFunction(
    () => document.querySelector('.readiness-totals') !== null && document.querySelector('.scan-status[role="status"]') === null,
    undefined,
    {
      timeout: timeoutMs,
    },
  );
}

/** The rendered text of the view, as a person reads it. */
export function renderedText(frame: Frame): Promise<string> {
  return frame.locator('#root').innerText();
}

export async function openStageGuideSidebar(page: Page): Promise<Frame> {
  const tab = page.locator('.part.activitybar li[role="tab"]:has(> a.action-label[aria-label="Stage Guide"])');
  await tab.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click({ timeout: UI_STEP_TIMEOUT_MS });
  // The first webview of a session also waits for the extension to activate: allow a page load's time.
  return webviewFrame(page, 'sidebar', WORKBENCH_LOAD_TIMEOUT_MS);
}

/** Runs a command the way a person does: F1, type its palette title, Enter. */
export async function runFromCommandPalette(page: Page, title: string): Promise<void> {
  // Keys must reach the workbench, not a webview that happens to have the focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_STEP_TIMEOUT_MS });
}

/** The label of the active editor tab (a webview panel's title is its tab label). */
export async function activeTabLabel(page: Page): Promise<string> {
  return page.locator('.part.editor .tabs-container .tab.active .label-name').first().innerText();
}
