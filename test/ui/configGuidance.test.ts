// Config-file guidance as a person meets it in the real workbench: the hover on a Dockerfile's
// FROM line, and a quick fix chosen from the lightbulb menu.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../scripts/code-server/waitFor';
import { openWorkbench, repoRoot, UI_STEP_TIMEOUT_MS, WORKBENCH_LOAD_TIMEOUT_MS, Workbench } from './support/workbench';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'guidance-ui');

/** Opens a file from the Explorer, as a person would. */
async function openFile(page: Page, name: string): Promise<void> {
  const explorerTab = page.locator('.part.activitybar li[role="tab"]:has(> a.action-label[aria-label^="Explorer"])');
  await explorerTab.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  if ((await explorerTab.getAttribute('aria-selected')) !== 'true') await explorerTab.click();
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  await row.click();
  await page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
}

/** A rendered line of the active editor, found by its text. */
function editorLine(page: Page, text: string) {
  return page.locator('.part.editor .monaco-editor .view-line', { hasText: text }).first();
}

describe('config files in the workbench: a Dockerfile at MVP', () => {
  let workbench: Workbench;

  before(async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 3);
    workbench = await openWorkbench({ workspace: FIXTURE });
    await openFile(workbench.page, 'Dockerfile');
  });
  after(async () => workbench?.close());

  it('shows the stage, the concern and the finding when hovering FROM', async function () {
    // The first hover also waits for the extension to activate and analyse the workspace.
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const { page } = workbench;
    // Our part of the hover (a diagnostic's own hover also names "Stage Guide" as its source).
    const hover = page.locator('.monaco-hover', { hasText: 'What to do:' }).first();
    // The extension activates on the first Dockerfile: hover again until its provider answers.
    // Cursor on FROM, then "Show or Focus Hover" (Ctrl+K Ctrl+I): the hover a mouse rest shows,
    // without depending on pointer timing. The extension activates on the first Dockerfile: ask again until it answers.
    await editorLine(page, 'FROM node:latest').locator('span span').first().click();
    await waitFor(
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        return hover.waitFor({ state: 'visible', timeout: 3000 }).then(
          () => true,
          () => false,
        );
      },
      { description: 'the Stage Guide hover on FROM', timeoutMs: WORKBENCH_LOAD_TIMEOUT_MS, pollMs: 500 },
    );
    const text = await hover.innerText();
    assert.match(text, /Minimum Viable Product \(MVP\)/);
    assert.match(text, /docker\/base-image-tag/);
    assert.match(text, /What to do:/);
  });

  it('applies "Replace ADD with COPY" from the lightbulb menu', async function () {
    this.timeout(WORKBENCH_LOAD_TIMEOUT_MS * 2);
    const { page } = workbench;
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
    await editorLine(page, 'ADD src ./src').locator('span span').first().click();
    // Ctrl+. opens the lightbulb's menu (the same action widget a click on the bulb opens). Until the
    // extension's first analysis of the workspace is done the menu may say "No code actions
    // available": ask again.
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace ADD with COPY' });
    await waitFor(
      async () => {
        if (await item.isVisible()) return true;
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        return item.waitFor({ state: 'visible', timeout: 3000 }).then(
          () => true,
          () => false,
        );
      },
      { description: 'the quick-fix menu with "Replace ADD with COPY"', timeoutMs: WORKBENCH_LOAD_TIMEOUT_MS, pollMs: 500 },
    );
    // The menu is driven from the keyboard (a pointer block covers it right after it opens).
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    await waitFor(
      async () => {
        if ((await focused.getAttribute('aria-label')) === 'Replace ADD with COPY') return true;
        await page.keyboard.press('ArrowDown');
        return false;
      },
      { description: 'the fix to be selected in the menu', timeoutMs: UI_STEP_TIMEOUT_MS, pollMs: 100 },
    );
    await page.keyboard.press('Enter');
    await editorLine(page, 'COPY src ./src').waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
    assert.equal(await page.locator('.part.editor .monaco-editor .view-line', { hasText: 'ADD src' }).count(), 0);
    // Leave the fixture as it was on disk: the edit is never saved.
    await page.keyboard.press('Control+Z');
    await editorLine(page, 'ADD src ./src').waitFor({ state: 'visible', timeout: UI_STEP_TIMEOUT_MS });
  });
});
