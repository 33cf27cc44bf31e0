import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import { fileCommandWrites } from '../fileCommands';
import { readTaint, wordSource } from '../taint';
import { stepShell } from './untrustedInput';
import type { Workflow } from '../workflow';
import { runSteps } from '../workflow';

const RULE_ID = 'gha/untrusted-github-env';

/**
 * gha/untrusted-github-env: a `run:` script writes attacker-controlled text to
 * `$GITHUB_ENV` or `$GITHUB_PATH`. Quoting does not help here: a newline in the
 * value starts a new `NAME=value` line, so an issue title can set `BASH_ENV`,
 * `NODE_OPTIONS` or `LD_PRELOAD` for every later step of the job — or put its
 * own directory first on PATH. Tainted data is an untrusted `${{ }}`, or a
 * shell variable whose `env:` entry holds one (taint.ts). Writes to
 * `$GITHUB_OUTPUT` are followed by the taint instead: they matter where the
 * output is pasted into a script (gha/untrusted-expression-in-run).
 */
export function detectUntrustedGithubEnv(workflow: Workflow): RawFinding[] {
  const { file } = workflow;
  const taint = readTaint(workflow);
  const findings: RawFinding[] = [];
  for (const { step, run } of runSteps(workflow)) {
    if (!run.range || stepShell(workflow, step) === 'powershell') continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    const scope = taint.scopeOf(step);
    for (const write of fileCommandWrites(source)) {
      if (write.file === 'GITHUB_OUTPUT') continue;
      const untrusted = write.content.map((word) => wordSource(source.slice(word.start, word.end), scope)).find((found) => found);
      if (untrusted === undefined) continue;
      const message =
        write.file === 'GITHUB_ENV'
          ? `\`${untrusted}\` is written to \`$GITHUB_ENV\`: a newline in it sets any variable (\`BASH_ENV\`, \`NODE_OPTIONS\`) for the job's later steps.`
          : `\`${untrusted}\` is written to \`$GITHUB_PATH\`: it decides where the job's later steps find their programs.`;
      findings.push(findingAt(file, RULE_ID, run.range[0] + write.start, write.end - write.start, message));
    }
  }
  return findings;
}
