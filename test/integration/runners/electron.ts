// Runs the same in-host suite in VS Code desktop through @vscode/test-electron, for machines
// that can run it. VSCODE_EXECUTABLE_PATH names an installed VS Code; without it,
// test-electron downloads one into .vscode-test/ (not possible on networks without
// VS Code's download servers: use the code-server runner there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { REPORT_FILE_ENV } from '../support/report';
import { finishRun } from './finishRun';
import { assertBuilt, extensionDevelopmentPath, extensionTestsPath, testWorkspace } from './paths';

async function main(): Promise<number> {
  assertBuilt();
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-electron-'));
  const reportFile = path.join(tempRoot, 'report.json');
  let hostExitCode: number | undefined;
  let failure = '';
  try {
    hostExitCode = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: { [REPORT_FILE_ENV]: reportFile },
      launchArgs: [
        testWorkspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(tempRoot, 'user-data'),
        '--extensions-dir', path.join(tempRoot, 'extensions'),
      ],
    });
  } catch (error) {
    // runTests rejects on a non-zero exit as well as on a failed download or launch.
    failure = error instanceof Error ? error.message : String(error);
    if (error instanceof TestRunFailedError) hostExitCode = error.code;
  }
  const code = finishRun({ hostExitCode, reportFile, diagnostics: () => `VS Code test run: ${failure}` });
  fs.rmSync(tempRoot, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
