// The in-host suite's report, handed from the extension host to the runner through a file:
// the extension host's console reaches the runner only reformatted (code-server) or not at
// all, so the runner prints mocha's own text from here and judges the run by it. The suite
// rewrites the file after every test, so a run that hangs or is cut off still shows how far
// it got and which test was running.
import * as fs from 'node:fs';

/** Names the report file; the runner sets it for the extension host it starts. */
export const REPORT_FILE_ENV = 'STAGE_GUIDE_TEST_REPORT';

export interface InHostReport {
  /** False until mocha has finished the whole run. */
  complete: boolean;
  /** Full title of the test or hook in progress when the file was written. */
  running?: string;
  /** mocha's spec reporter output so far, as it would have printed in a terminal. */
  output: string;
  passes: number;
  failures: number;
  pending: number;
  /** Each failed test (or hook) with its full title and error message. */
  failed: Array<{ title: string; message: string }>;
}

export function writeReport(file: string, report: InHostReport): void {
  // Write then rename, so the runner never reads half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** The report, or undefined when the suite never got to write one (e.g. the host crashed). */
export function readReport(file: string): InHostReport | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as InHostReport;
}

/** The closing line CI reads: "integration: N passed, N failed" (an unfinished test counts as failed). */
export function summaryLine(report: InHostReport): string {
  const unfinished = report.complete ? 0 : 1;
  return `integration: ${report.passes} passed, ${report.failures + unfinished} failed`;
}
