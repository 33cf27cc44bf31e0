// What both in-host runners do once the editor sessions have finished (or been stopped):
// print mocha's own output from each session's report, then one closing line for CI, and
// turn it all into the process exit code.
import { InHostReport, readReport } from '../support/report';

export interface SessionOutcome {
  session: string;
  /** Exit code the editor reported for the session's test run (undefined if it never did). */
  hostExitCode: number | undefined;
  /** Where the session's suite was told to write its report. */
  reportFile: string;
  /** Shown when the session did not finish normally, to explain why (editor logs, server output). */
  diagnostics: () => string;
}

interface Tally {
  passed: number;
  failed: number;
}

/** Prints every session's result and the total "integration: N passed, N failed"; returns the exit code. */
export function finishRun(outcomes: SessionOutcome[]): number {
  const total: Tally = { passed: 0, failed: 0 };
  let ok = outcomes.length > 0;
  for (const outcome of outcomes) {
    console.log(`\n── in-host session "${outcome.session}" ──`);
    const tally = reportSession(outcome);
    total.passed += tally.passed;
    total.failed += tally.failed;
    if (tally.failed > 0 || tally.passed === 0) ok = false;
  }
  console.log(`\nintegration: ${total.passed} passed, ${total.failed} failed`);
  return ok ? 0 : 1;
}

function reportSession(outcome: SessionOutcome): Tally {
  const report: InHostReport | undefined = readReport(outcome.reportFile);
  if (!report) {
    console.error(`The suite never started (editor exit code: ${outcome.hostExitCode ?? 'none'}).`);
    console.error(outcome.diagnostics());
    return { passed: 0, failed: 1 };
  }
  process.stdout.write(report.output);
  for (const failure of report.failed) console.error(`FAILED: ${failure.title}\n  ${failure.message}`);
  // A test cut off by a deadline counts as failed; so does a run the editor ended badly.
  let failed = report.failures;
  if (!report.complete) {
    console.error(`The suite did not finish${report.running ? `; it was running: ${report.running}` : ''}.`);
    console.error(outcome.diagnostics());
    failed += 1;
  } else if (outcome.hostExitCode !== 0 && report.failures === 0) {
    console.error(`The editor ended the test run with exit code ${outcome.hostExitCode ?? 'none'}.`);
    failed += 1;
  }
  return { passed: report.passes, failed };
}
