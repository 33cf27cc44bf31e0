// Runs the in-host suite (test/integration/index.ts → run()) inside code-server's real node
// extension host, driven by headless Chromium. This is how VS Code's own repository runs
// node-extension tests in a browser: the workbench reads extensionDevelopmentPath and
// extensionTestsPath from the URL payload and calls window.codeAutomationExit when done.
// Each session (see paths.ts) gets its own code-server and window, on a throwaway copy of
// its fixture workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium, RunningBrowser } from '../../../scripts/code-server/chromium';
import { CodeServer, startCodeServer } from '../../../scripts/code-server/launch';
import { registerForCleanup } from '../../../scripts/code-server/processCleanup';
import { waitFor } from '../../../scripts/code-server/waitFor';
import { copyWorkspace } from '../../../scripts/code-server/workspaceCopy';
import { REPORT_FILE_ENV } from '../support/report';
import { SESSION_ENV } from '../support/sessions';
import { finishRun, SessionOutcome } from './finishRun';
import { assertBuilt, extensionDevelopmentPath, extensionTestsPath, Session, sessions } from './paths';

/**
 * Deadlines. Each test has mocha's own 30 s timeout inside the host; these catch a host that
 * hangs: no report before STARTUP (workbench + extension host never came up), no progress
 * for STALL (a test or hook stuck past its own timeout), or a session past RUN.
 */
const RUN_TIMEOUT_MS = Number(process.env.STAGE_GUIDE_INTEGRATION_TIMEOUT_MS ?? 900_000);
const STARTUP_TIMEOUT_MS = 180_000;
const STALL_TIMEOUT_MS = 120_000;
const verbose = process.env.STAGE_GUIDE_EDITOR_VERBOSE === '1';

async function main(): Promise<number> {
  assertBuilt();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-integration-'));
  const forgetRunDir = registerForCleanup(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const outcomes: SessionOutcome[] = [];
  let browser: RunningBrowser | undefined;
  try {
    browser = await launchChromium();
    for (const session of sessions()) outcomes.push(await runSession(browser, session, runDir));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  } finally {
    await browser?.close();
  }
  const code = finishRun(outcomes.length > 0 ? outcomes : [notStarted(runDir)]);
  fs.rmSync(runDir, { recursive: true, force: true });
  forgetRunDir();
  return code;
}

/**
 * One session: its own code-server (fresh user data, so settings a suite changes cannot leak
 * into the next session), a fresh browser context, and a copy of the fixture workspace.
 */
async function runSession(browser: RunningBrowser, session: Session, runDir: string): Promise<SessionOutcome> {
  const sessionDir = path.join(runDir, session.name);
  fs.mkdirSync(sessionDir);
  const reportFile = path.join(sessionDir, 'report.json');
  const workspace = copyWorkspace(session.target, sessionDir);
  const workbenchLog: string[] = [];
  let server: CodeServer | undefined;
  const outcome: SessionOutcome = {
    session: session.name,
    hostExitCode: undefined,
    reportFile,
    diagnostics: () =>
      `--- workbench log (last 60 lines) ---\n${workbenchLog.slice(-60).join('\n')}\n` +
      `--- code-server output ---\n${server?.output().slice(-6000) ?? '(not started)'}`,
  };
  const started = Date.now();
  const context = await browser.browser.newContext();
  try {
    // code-server passes its environment on to the extension host, where run() reads these.
    server = await startCodeServer({ env: { [REPORT_FILE_ENV]: reportFile, [SESSION_ENV]: session.name }, settings: session.settings });
    const page = await context.newPage();
    // Both bindings must exist before the workbench loads, or its end-of-run call is lost.
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = `[workbench ${type}] ${args.map(String).join(' ')}`;
      workbenchLog.push(line);
      if (verbose) console.error(line);
    });
    let crashed = false;
    page.once('crash', () => (crashed = true));

    const url = server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
      ['extensionTestsPath', server.remoteUri(extensionTestsPath)],
    ]);
    console.log(
      `in-host session "${session.name}": ${path.relative(process.cwd(), session.target)} (a copy), code-server ${server.origin}`,
    );
    // Only the navigation itself is awaited here; the session shares the deadlines below.
    await page.goto(url, { waitUntil: 'commit', timeout: STARTUP_TIMEOUT_MS });
    const progress = new ProgressWatch(reportFile);
    outcome.hostExitCode = await waitFor(
      () => {
        if (exitCode !== undefined) return exitCode;
        if (crashed) throw new Error('the workbench page crashed');
        progress.check();
        return undefined;
      },
      { description: `in-host session "${session.name}" to finish`, timeoutMs: RUN_TIMEOUT_MS, pollMs: 250 },
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  } finally {
    await context.close();
    await server?.stop();
  }
  console.log(`in-host session "${session.name}": done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outcome;
}

function notStarted(runDir: string): SessionOutcome {
  return {
    session: 'default',
    hostExitCode: undefined,
    reportFile: path.join(runDir, 'none.json'),
    diagnostics: () => 'no session could start',
  };
}

/** Throws once the session's report file stops changing for longer than the deadlines allow. */
class ProgressWatch {
  private lastChange = Date.now();
  private lastMtimeMs = 0;

  constructor(private readonly reportFile: string) {}

  check(): void {
    const mtimeMs = fs.existsSync(this.reportFile) ? fs.statSync(this.reportFile).mtimeMs : 0;
    if (mtimeMs !== this.lastMtimeMs) {
      this.lastMtimeMs = mtimeMs;
      this.lastChange = Date.now();
      return;
    }
    const limit = mtimeMs === 0 ? STARTUP_TIMEOUT_MS : STALL_TIMEOUT_MS;
    if (Date.now() - this.lastChange > limit) {
      throw new Error(
        mtimeMs === 0
          ? `the in-host suite did not start within ${limit / 1000} s`
          : `the in-host suite made no progress for ${limit / 1000} s`,
      );
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
