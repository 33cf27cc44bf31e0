// What both in-host runners do once the editor has finished (or been stopped): print mocha's
// own output from the suite's report, the CI summary line, and turn it into the exit code.
import { readReport, summaryLine } from '../support/report';

export interface HostOutcome {
  /** Exit code the editor reported for the test run (undefined if it never reported one). */
  hostExitCode: number | undefined;
  /** Where the suite was told to write its report. */
  reportFile: string;
  /** Shown when the run did not finish normally, to explain why (editor logs, server output). */
  diagnostics: () => string;
}

/** Prints the run's result and returns the exit code for this process. */
export function finishRun(outcome: HostOutcome): number {
  const report = readReport(outcome.reportFile);
  if (!report) {
    console.error(`The in-host suite never started (editor exit code: ${outcome.hostExitCode ?? 'none'}).`);
    console.error(outcome.diagnostics());
    console.log('integration: 0 passed, 1 failed');
    return 1;
  }
  process.stdout.write(report.output);
  for (const failure of report.failed) console.error(`FAILED: ${failure.title}\n  ${failure.message}`);
  if (!report.complete) {
    console.error(`The in-host suite did not finish${report.running ? `; it was running: ${report.running}` : ''}.`);
    console.error(outcome.diagnostics());
  }
  console.log(summaryLine(report));
  const ok = report.complete && outcome.hostExitCode === 0 && report.failures === 0 && report.passes > 0;
  if (!ok && report.complete && report.failures === 0) {
    console.error(`The editor ended the test run with exit code ${outcome.hostExitCode ?? 'none'}.`);
  }
  return ok ? 0 : 1;
}
