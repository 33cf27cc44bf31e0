// Opens the real VS Code workbench (code-server) in headless Chromium with the extension
// under development loaded, for tests of what a person sees. Every opened workbench is
// tracked so failure screenshots and the final cleanup reach all of them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, RunningBrowser } from '../../../scripts/code-server/chromium';
import { CodeServer, startCodeServer } from '../../../scripts/code-server/launch';
import { registerForCleanup } from '../../../scripts/code-server/processCleanup';
import { copyWorkspace } from '../../../scripts/code-server/workspaceCopy';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const DEFAULT_WORKSPACE = path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'mvp-service');

/** Generous deadlines: the first load compiles nothing but does start an extension host. */
export const WORKBENCH_LOAD_TIMEOUT_MS = 60_000;
export const UI_STEP_TIMEOUT_MS = 20_000;

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The copy of the fixture that is open (tests may change it freely). */
  readonly workspace: string;
  close(): Promise<void>;
}

const open = new Set<Workbench>();
let shared: Promise<Workbench> | undefined;

export interface OpenWorkbenchOptions {
  /** Fixture folder (or .code-workspace file) to open a copy of; defaults to the mvp-service fixture. */
  workspace?: string;
  /** Settings over the launcher's deterministic defaults. */
  settings?: Record<string, unknown>;
  /** Install this packaged .vsix (code-server --install-extension) instead of the repository's staged folder. */
  vsix?: string;
}

/** Starts a dedicated code-server + Chromium; close() stops both. */
export async function openWorkbench(options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-ui-workspace-'));
  const forgetCopy = registerForCleanup(() => fs.rmSync(copyDir, { recursive: true, force: true }));
  const removeCopy = (): void => {
    fs.rmSync(copyDir, { recursive: true, force: true });
    forgetCopy();
  };
  // A throwaway copy: whatever a test changes in the workspace never reaches the fixtures.
  const workspace = copyWorkspace(options.workspace ?? DEFAULT_WORKSPACE, copyDir);
  let server: CodeServer;
  try {
    // Installed into code-server's extensions folder, as a user would have it.
    const extensions = options.vsix ? { vsixFiles: [options.vsix] } : { installedExtensions: [repoRoot] };
    server = await startCodeServer({ settings: options.settings, ...extensions });
  } catch (error) {
    removeCopy();
    throw error;
  }
  let browser: RunningBrowser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.workbenchUrl(workspace), { waitUntil: 'commit', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: WORKBENCH_LOAD_TIMEOUT_MS });
    const running = browser;
    const workbench: Workbench = {
      page,
      server,
      workspace,
      async close() {
        open.delete(workbench);
        try {
          await running.close();
        } finally {
          await server.stop();
          removeCopy();
        }
      },
    };
    open.add(workbench);
    return workbench;
  } catch (error) {
    await browser?.close();
    await server.stop();
    removeCopy();
    throw error;
  }
}

/** One workbench on the default fixture, shared by the UI tests that need nothing special. */
export function sharedWorkbench(): Promise<Workbench> {
  shared ??= openWorkbench();
  return shared;
}

export function openWorkbenches(): Workbench[] {
  return [...open];
}

export async function closeAllWorkbenches(): Promise<void> {
  shared = undefined;
  for (const workbench of openWorkbenches()) await workbench.close();
}
