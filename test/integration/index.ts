// The in-host test entry: VS Code (desktop via @vscode/test-electron, or code-server) loads
// this module from `extensionTestsPath` and calls run() inside the extension host.
// The build puts every test/integration/**/*.test.ts next to this file as its own bundle;
// run() runs those of the session the runner named (see support/sessions.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { InHostReport, REPORT_FILE_ENV, writeReport } from './support/report';
import { belongsToSession, DEFAULT_SESSION, SESSION_ENV } from './support/sessions';

const GREP_ENV = 'STAGE_GUIDE_TEST_GREP';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  // Runs only the matching tests, e.g. STAGE_GUIDE_TEST_GREP=activation npm run test:integration.
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  const session = process.env[SESSION_ENV] || DEFAULT_SESSION;
  const files = builtTestFiles(__dirname, session);
  if (files.length === 0) throw new Error(`no *.test.js for session "${session}" under ${__dirname}: build with "npm run build:tests"`);
  for (const file of files) mocha.addFile(file);

  const report: InHostReport = { complete: false, output: '', passes: 0, failures: 0, pending: 0, failed: [] };
  const reportFile = process.env[REPORT_FILE_ENV];
  const flush = (): void => {
    if (reportFile) writeReport(reportFile, report);
  };
  const output = captureReporterOutput((line) => (report.output += `${line}\n`));
  flush();
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('test', (test) => {
        report.running = test.fullTitle();
        flush();
      });
      runner.on('hook', (hook) => {
        report.running = hook.fullTitle();
        flush();
      });
      runner.on('pass', () => (report.passes += 1));
      runner.on('pending', () => (report.pending += 1));
      runner.on('fail', (test, error: Error) => {
        report.failures += 1;
        report.failed.push({ title: test.fullTitle(), message: error.message });
      });
      runner.on('test end', flush);
      runner.on('end', () => {
        report.complete = true;
        report.running = undefined;
      });
    });
  } finally {
    output.stop();
    flush();
  }
  if (report.failures > 0) throw new Error(`${report.failures} in-host test(s) failed: ${report.failed.map((f) => f.title).join('; ')}`);
  if (report.passes === 0) throw new Error('the in-host suite ran no test');
}

/** Tees mocha's reporter lines (it prints through Base.consoleLog) to `onLine`. */
function captureReporterOutput(onLine: (line: string) => void): { stop(): void } {
  const original = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => {
    onLine(format(...data));
    original(...data);
  };
  return {
    stop: () => {
      Mocha.reporters.Base.consoleLog = original;
    },
  };
}

function builtTestFiles(dir: string, session: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((relative) => relative.split(path.sep).join('/'))
    .filter((relative) => relative.endsWith('.test.js') && belongsToSession(relative, session))
    .map((relative) => path.join(dir, relative))
    .sort();
}
