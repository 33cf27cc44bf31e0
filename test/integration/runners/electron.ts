// Runs the same in-host suite in VS Code desktop through @vscode/test-electron, for machines
// that can run it, one VS Code window per session (see paths.ts), each on a throwaway copy
// of its fixture workspace. VSCODE_EXECUTABLE_PATH names an installed VS Code; without it,
// test-electron downloads one into .vscode-test/ (not possible on networks without VS
// Code's download servers: use the code-server runner there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { copyWorkspace } from '../../../scripts/code-server/workspaceCopy';
import { REPORT_FILE_ENV } from '../support/report';
import { SESSION_ENV } from '../support/sessions';
import { finishRun, SessionOutcome } from './finishRun';
import { assertBuilt, extensionDevelopmentPath, extensionTestsPath, Session, sessions } from './paths';

async function main(): Promise<number> {
  assertBuilt();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-electron-'));
  const outcomes: SessionOutcome[] = [];
  for (const session of sessions()) outcomes.push(await runSession(session, runDir));
  const code = finishRun(outcomes);
  fs.rmSync(runDir, { recursive: true, force: true });
  return code;
}

async function runSession(session: Session, runDir: string): Promise<SessionOutcome> {
  const sessionDir = path.join(runDir, session.name);
  fs.mkdirSync(sessionDir);
  const reportFile = path.join(sessionDir, 'report.json');
  let failure = '';
  const outcome: SessionOutcome = {
    session: session.name,
    hostExitCode: undefined,
    reportFile,
    diagnostics: () => `VS Code test run: ${failure}`,
  };
  const userDataDir = path.join(sessionDir, 'user-data');
  if (session.settings) {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(session.settings, null, 2));
  }
  // Trust prompts only get in the way, unless the session is about Workspace Trust.
  const trustArgs = session.settings?.['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust'];
  try {
    outcome.hostExitCode = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: { [REPORT_FILE_ENV]: reportFile, [SESSION_ENV]: session.name },
      launchArgs: [
        copyWorkspace(session.target, sessionDir),
        '--disable-extensions',
        ...trustArgs,
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        path.join(sessionDir, 'extensions'),
      ],
    });
  } catch (error) {
    // runTests rejects on a non-zero exit as well as on a failed download or launch.
    failure = error instanceof Error ? error.message : String(error);
    if (error instanceof TestRunFailedError) outcome.hostExitCode = error.code;
  }
  return outcome;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
