// The Stage Guide webviews as a person sees them, in code-server's real workbench in headless
// Chromium: the sidebar's rendered text at MVP, the compare switch, keyboard disclosure, the
// upgrades panel opened from the command palette, and a team matrix cell written as markup
// that must stay text and run nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Dialog, Frame, Page } from 'playwright-core';
import { builtinMatrix } from '../../src/core/matrix/builtinMatrix';
import { readSeedTable } from '../unit/foundation/seedTable';
import { openWorkbench, repoRoot, sharedWorkbench, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';
import {
  activeTabLabel,
  openStageGuideSidebar,
  renderedText,
  runFromCommandPalette,
  waitForScanSettled,
  webviewFrame,
} from './sidebarPage';

const seed = readSeedTable();
const column = (stageName: string) => seed.stageNames.indexOf(stageName);
const MVP = column('Minimum Viable Product (MVP)');
const PRODUCTION = column('Production-Ready System');
const MARKUP = '<img src=x onerror=alert(1)>';

describe('Stage view: a fixture at MVP', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await sharedWorkbench();
    await openStageGuideSidebar(workbench.page);
  });

  it("shows the stage, its goal and all 12 concerns with the seed's MVP text", async () => {
    const frame = await openStageGuideSidebar(workbench.page);
    const text = await renderedText(frame);
    assert.ok(text.includes(seed.stageNames[MVP]), text);
    assert.ok(text.includes(`Goal: ${seed.rows.find((row) => row.name === 'Goal')?.cells[MVP]}`), text);
    const concerns = await frame
      .locator('li.concern')
      .evaluateAll((items) =>
        items.map((item) => [item.querySelector('.concern-name')?.textContent, item.querySelector(':scope > .cell-text')?.textContent]),
      );
    assert.deepEqual(
      concerns,
      seed.rows.map((row) => [row.name, row.cells[MVP]]),
    );
  });

  it('switches on "compare with next stage": every concern shows its Production-Ready text, marked "Next"', async () => {
    const frame = await openStageGuideSidebar(workbench.page);
    const toggle = frame.getByRole('switch');
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click({ timeout: UI_STEP_TIMEOUT_MS });
    await frame.locator('[role="switch"][aria-checked="true"]').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const next = await frame
      .locator('li.concern')
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.next-block .next-badge')?.textContent,
          item.querySelector('.next-block .cell-text')?.textContent,
        ]),
      );
    assert.deepEqual(
      next,
      seed.rows.map((row) => ['Next', row.cells[PRODUCTION]]),
    );
  });

  it('opens a concern from the keyboard: arrow keys move between concerns, Enter toggles, and the practices appear', async () => {
    const { page } = workbench;
    const frame = await openStageGuideSidebar(page);
    const buttons = frame.locator('button.disclosure');
    await buttons.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await frame.evaluate(() => document.activeElement?.id), 'concern-button-tech-stack');
    if ((await buttons.nth(2).getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('Enter');
    await frame.locator('#concern-button-tech-stack[aria-expanded="true"]').waitFor({ timeout: UI_STEP_TIMEOUT_MS });
    const body = frame.locator('#concern-body-tech-stack');
    await body.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    const practices = builtinMatrix().concerns.find((concern) => concern.id === 'tech-stack')?.cells.mvp.practices ?? [];
    assert.ok(practices.length > 0, 'the matrix lists practices for Tech Stack at MVP');
    const shown = await body.innerText();
    for (const practice of practices) assert.ok(shown.includes(practice.title), `${practice.title} is not shown in:\n${shown}`);
    // The focus stays on the concern's button after the re-render, so keyboard users keep their place.
    assert.equal(await frame.evaluate(() => document.activeElement?.id), 'concern-button-tech-stack');
  });

  it('runs "Show Next-Stage Upgrades" from the command palette: a panel titled "MVP → Production-Ready"', async () => {
    const { page } = workbench;
    await runFromCommandPalette(page, 'Stage Guide: Show Next-Stage Upgrades');
    const frame = await webviewFrame(page, 'upgrades');
    assert.equal(await frame.locator('h1').first().innerText(), 'MVP → Production-Ready');
    assert.equal(await activeTabLabel(page), 'MVP → Production-Ready');
  });

  it('brings the upgrades panel back, filled, after the window reloads', async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const { page } = workbench;
    const before = await webviewFrame(page, 'upgrades');
    // Scroll only once the scan has settled: its last render changes the content above the place,
    // and the browser's scroll anchoring then moves the reader a few pixels (which is then kept).
    await waitForScanSettled(before);
    // Read halfway down: the place is kept (setState) and comes back with the panel.
    await before.evaluate(() => window.scrollTo(0, 600));
    await before.waitForFunction(() => window.scrollY === 600);
    const kept = await settledScrollY(before);
    const frame = await reloadWindowToUpgrades(page);
    assert.equal(await frame.locator('h1').first().innerText(), 'MVP → Production-Ready');
    assert.equal(await activeTabLabel(page), 'MVP → Production-Ready');
    await waitForScanSettled(frame);
    await expectPlace(frame, kept);
  });

  it("keeps the reader's own scroll after a restored place: the wheel moves it, and that place comes back", async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const { page } = workbench;
    const frame = await webviewFrame(page, 'upgrades');
    await waitForScanSettled(frame);
    const restored = await settledScrollY(frame);
    assert.ok(restored > 300, `the previous test left the panel at ${restored}`);
    // The wheel over the panel: what only a reader does, so the held place gives way and the new one is saved.
    const box = await (await frame.frameElement()).boundingBox();
    assert.ok(box, 'the upgrades panel is on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await frame.waitForFunction((from) => window.scrollY < from - 100, restored, { timeout: UI_STEP_TIMEOUT_MS });
    const kept = await settledScrollY(frame);
    const again = await reloadWindowToUpgrades(page);
    await waitForScanSettled(again);
    await expectPlace(again, kept);
  });
});

/** The panel's scroll position once it has stopped moving (a wheel scroll may glide) and been saved. */
async function settledScrollY(frame: Frame): Promise<number> {
  let last = -1;
  for (let tries = 0; tries < 100; tries++) {
    // Two frames: the position is saved on the frame after the scroll event.
    const now = await frame.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY)))),
    );
    if (now === last) return now;
    last = now;
  }
  throw new Error(`the panel kept scrolling (last at ${last})`);
}

/** The workbench's own reload (not the browser's: it saves the open editors before it goes), then the restored panel. */
async function reloadWindowToUpgrades(page: Page): Promise<Frame> {
  const reloaded = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: WORKBENCH_LOAD_TIMEOUT_MS,
  });
  await runFromCommandPalette(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
  // Restored by the extension's serializer (which activates it), with a fresh model.
  return webviewFrame(page, 'upgrades', WORKBENCH_LOAD_TIMEOUT_MS);
}

async function expectPlace(frame: Frame, place: number): Promise<void> {
  await frame
    .waitForFunction((at) => window.scrollY === at, place, { timeout: UI_STEP_TIMEOUT_MS })
    .catch(async (error: unknown) => {
      const at = await frame.evaluate(() => ({ y: window.scrollY, h: document.documentElement.scrollHeight, vh: window.innerHeight }));
      throw new Error(`the place ${place} was not restored (now ${JSON.stringify(at)}): ${String(error)}`);
    });
}

describe('Stage view: a team matrix cell written as markup', () => {
  let workbench: Workbench;
  const dialogs: string[] = [];

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await openWorkbench({ workspace: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'sidebar-ui') });
    // Dialogs from any frame (webviews included) surface here; none may ever open.
    workbench.page.on('dialog', (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await openStageGuideSidebar(workbench.page);
  });
  after(async () => workbench?.close());

  it('shows it as literal text in the sidebar and runs nothing', async () => {
    const frame = await openStageGuideSidebar(workbench.page);
    const security = frame.locator('li.concern[data-concern="security"] > .cell-text');
    assert.equal(await security.textContent(), MARKUP);
    assert.ok((await renderedText(frame)).includes(MARKUP));
    assert.equal(await frame.locator('img').count(), 0, 'the markup became an element');
    assert.deepEqual(dialogs, []);
  });

  it('shows it as literal text in the stage matrix too', async () => {
    await runFromCommandPalette(workbench.page, 'Stage Guide: Show Stage Matrix');
    const frame = await webviewFrame(workbench.page, 'matrix');
    const cell = frame.locator('tr[data-concern="security"] td[data-stage="mvp"] .cell-text');
    assert.equal(await cell.textContent(), MARKUP);
    assert.equal(await frame.locator('img').count(), 0, 'the markup became an element');
    assert.equal(await frame.locator('th.governing[data-stage="mvp"]').count(), 1, 'the MVP column is highlighted');
    assert.deepEqual(dialogs, []);
  });
});
