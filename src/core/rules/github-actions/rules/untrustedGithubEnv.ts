import type { RawFinding } from '../../types';
import { findingAt } from '../../ci/findings';
import { scriptCommands } from '../../../format/shell/shellCommands';
import type { TaintScope } from '../taint';
import type { FileCommandWrite } from '../fileCommands';
import { privilegedArtifactDownloads } from '../artifactDownloads';
import { fileCommandWrites } from '../fileCommands';
import { readTaint, wordSource } from '../taint';
import { stepShell } from '../scriptExpressions';
import type { Workflow, WorkflowJob } from '../workflow';
import { runSteps } from '../workflow';
import { defineRule } from '../../engine/ruleModule';
import { workflowAnchors } from '../anchorPlaces';

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
  // Every file command is named `GITHUB_…` in the script's source: a file that never says it has no write to judge.
  if (!file.text.includes('GITHUB_')) return [];
  const taint = readTaint(workflow);
  const findings: RawFinding[] = [];
  let artifactJobs: Set<WorkflowJob> | undefined;
  for (const { step, run } of runSteps(workflow)) {
    if (!run.range) continue;
    const source = file.text.slice(run.range[0], run.range[1]);
    const writes = fileCommandWrites(source);
    if (writes.length === 0 || stepShell(workflow, step) === 'powershell') continue;
    artifactJobs ??= new Set(privilegedArtifactDownloads(workflow).map((download) => download.job));
    const scope = withScriptAssignments(source, taint.scopeOf(step));
    for (const write of writes) {
      if (write.file === 'GITHUB_OUTPUT') continue;
      const untrusted =
        write.content.map((word) => wordSource(source.slice(word.start, word.end), scope)).find((found) => found) ??
        (artifactJobs.has(step.job) && readsFileData(write, source) ? 'a downloaded artifact' : undefined);
      if (untrusted === undefined) continue;
      const what = untrusted === 'a downloaded artifact' ? 'Data from a downloaded artifact' : `\`${untrusted}\``;
      const message =
        write.file === 'GITHUB_ENV'
          ? `${what} is written to \`$GITHUB_ENV\`: a newline in it sets any variable (\`BASH_ENV\`, \`NODE_OPTIONS\`) for the job's later steps.`
          : `${what} is written to \`$GITHUB_PATH\`: it decides where the job's later steps find their programs.`;
      findings.push(findingAt(file, RULE_ID, run.range[0] + write.start, write.end - write.start, message));
    }
  }
  return findings;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * The scope with the script's own shell variables added when they are assigned
 * from tainted data (`message=$(echo "$TITLE" | …)`): a command made only of
 * assignments. Read over the whole script, in order, without following control flow.
 */
function withScriptAssignments(source: string, scope: TaintScope): TaintScope {
  const env = new Map(scope.env);
  const extended = { ...scope, env };
  for (const command of scriptCommands(source)) {
    if (command.words.length === 0 || !command.words.every((word) => ASSIGNMENT.test(word.value))) continue;
    for (const word of command.words) {
      const name = ASSIGNMENT.exec(word.value)![1];
      const tainted = wordSource(source.slice(word.start, word.end), extended);
      if (tainted !== undefined) env.set(name, tainted);
      else env.delete(name);
    }
  }
  return extended;
}

/** Programs that print a file's content. */
const FILE_READERS = new Set(['cat', 'head', 'tail', 'jq', 'yq', 'unzip', 'tr', 'sed', 'awk']);

/**
 * A write whose content comes from a file or a command rather than the script's
 * text (`cat pr/number >> "$GITHUB_ENV"`, `echo "PR=$(cat pr/number)"`): in a
 * job that downloads a pull request's artifacts, that file may be the attacker's.
 */
function readsFileData(write: FileCommandWrite, source: string): boolean {
  if (write.program !== undefined && FILE_READERS.has(write.program)) return true;
  return write.content.some((word) => {
    const text = source.slice(word.start, word.end);
    return text.includes('$(') || text.includes('`');
  });
}

export const rule = defineRule('github-actions', {
  ruleId: 'gha/untrusted-github-env',
  anchors: (workflow) => workflowAnchors(workflow, 'step.run'),
  detect: detectUntrustedGithubEnv,
});
