// mocha root hooks for the UI tests (loaded with --require): screenshots of every open
// workbench when a test fails, and code-server + Chromium stopped after the last test.
import type { Context } from 'mocha';
import { saveFailureScreenshot } from './screenshots';
import { closeAllWorkbenches, openWorkbenches } from './workbench';

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const workbenches = openWorkbenches();
    for (const [index, workbench] of workbenches.entries()) {
      try {
        const file = await saveFailureScreenshot(workbench.page, test.fullTitle(), index);
        console.error(`    screenshot: ${file}`);
      } catch (error) {
        console.error(`    screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    await closeAllWorkbenches();
  },
};
