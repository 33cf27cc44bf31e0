// Starts Debian's Chromium through playwright-core (its own browser download does not work
// here) as a browser server, so the harness holds the browser's process id and can always
// stop it, also when a test fails or the run is interrupted.
import { Browser, BrowserServer, chromium } from 'playwright-core';
import { killProcessGroup, registerForCleanup } from './processCleanup';
import { withDeadline } from './waitFor';

export const CHROMIUM_PATH = process.env.STAGE_GUIDE_CHROMIUM ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps dialing out on this closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningBrowser {
  readonly browser: Browser;
  readonly pid: number;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<RunningBrowser> {
  const server: BrowserServer = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const pid = server.process().pid;
  if (pid === undefined) {
    await server.kill();
    throw new Error('Chromium started without a process id');
  }
  // playwright starts Chromium as the leader of its own process group: take its helpers along.
  const unregister = registerForCleanup(() => killProcessGroup(pid, 'SIGKILL'));
  let browser: Browser;
  try {
    browser = await chromium.connect(server.wsEndpoint());
  } catch (error) {
    unregister();
    await server.kill();
    throw error;
  }
  return {
    browser,
    pid,
    async close() {
      try {
        await withDeadline(browser.close(), 10_000, 'the Chromium connection to close');
        await withDeadline(server.close(), 10_000, `Chromium (pid ${pid}) to exit`);
      } catch {
        await server.kill();
      } finally {
        unregister();
      }
    },
  };
}
