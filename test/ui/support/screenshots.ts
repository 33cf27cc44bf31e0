// Screenshots: one per open workbench when a UI test fails (into test-results/ui/), and the
// sidebar picture for the README, refreshed only on request (STAGE_GUIDE_UPDATE_SCREENSHOTS=1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './workbench';

export const FAILURE_SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'ui');
export const README_SIDEBAR_SCREENSHOT = path.join(repoRoot, 'media', 'screenshot-sidebar.png');

export async function saveFailureScreenshot(page: Page, testTitle: string, index: number): Promise<string> {
  fs.mkdirSync(FAILURE_SCREENSHOT_DIR, { recursive: true });
  const slug = testTitle
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
  const file = path.join(FAILURE_SCREENSHOT_DIR, `${slug}${index > 0 ? `-${index}` : ''}.png`);
  await page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

export function readmeScreenshotRequested(): boolean {
  return process.env.STAGE_GUIDE_UPDATE_SCREENSHOTS === '1';
}

/** Saves the activity bar and the open sidebar as media/screenshot-sidebar.png. */
export async function saveReadmeSidebarScreenshot(page: Page): Promise<string> {
  // Park the pointer in the editor area so no hover tooltip covers the picture.
  await page.mouse.move(900, 400);
  await page.locator('.workbench-hover:visible, .monaco-hover:visible').first().waitFor({ state: 'detached', timeout: 10_000 });
  const activityBar = await page.locator('.part.activitybar').boundingBox();
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!activityBar || !sidebar) throw new Error('the activity bar or the sidebar is not visible');
  const x = Math.min(activityBar.x, sidebar.x);
  const y = Math.min(activityBar.y, sidebar.y);
  const right = Math.max(activityBar.x + activityBar.width, sidebar.x + sidebar.width);
  const bottom = Math.max(activityBar.y + activityBar.height, sidebar.y + sidebar.height);
  await page.screenshot({ path: README_SIDEBAR_SCREENSHOT, clip: { x, y, width: right - x, height: bottom - y } });
  return README_SIDEBAR_SCREENSHOT;
}
