// The GitHub Action: `stage-guide check` in a workflow. A thin adapter over runCli — the same
// command, options and formats as the CLI — that adds what a workflow reads: the report in the
// job log (`format`), a SARIF file for code scanning (`sarif-file`), the Markdown report as the
// job summary, annotations on the due findings (on the changed lines of a pull request when the
// diff is known), and step outputs. Nothing here reaches the network.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { runCli } from '../runCli';
import type { Terminal } from '../terminal';
import { pullRequestChangedLines, touchesChange } from './changedLines';
import type { CheckJson, JsonLocated } from './checkJsonModel';
import { readInputs } from './inputs';
import type { ActionInputs } from './inputs';
import { annotationCommand } from './workflowCommands';
import type { Annotation, AnnotationLevel } from './workflowCommands';

/** GitHub shows 10 errors and 10 warnings per step and 50 per job; more only clutter the log. */
export const MAX_ANNOTATIONS = 50;

const LEVEL: Record<JsonLocated['severity'], AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  /** The job log. */
  log(line: string): void;
  errorLog(line: string): void;
}

/** Runs the action; returns the process exit code (1 when something reaches `fail-on`). */
export async function runAction(io: ActionIo): Promise<number> {
  const workspace = io.env.GITHUB_WORKSPACE || process.cwd();
  const inputs = readInputs(io.env);
  const args = checkArgs(inputs);

  // The report in the requested format goes to the log; its exit code is the step's.
  const code = await runCli(['check', ...args, '--format', inputs.format], { term: terminal(io.log, io.errorLog), cwd: workspace });
  if (code === 2) return code; // A usage error: runCli has said what is wrong.

  const json = JSON.parse(await capture(['check', ...args, '--format', 'json'], workspace, io)) as CheckJson;
  const markdown = await capture(['check', ...args, '--format', 'markdown', ...linkBaseArgs(io.env)], workspace, io);
  if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${markdown.trimEnd()}\n`);

  let sarifPath: string | undefined;
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, await capture(['check', ...args, '--format', 'sarif'], workspace, io));
    io.log(`SARIF written to ${inputs.sarifFile}`);
  }

  for (const line of annotationLines(json, workspace, io)) io.log(line);
  writeOutputs(io.env, json, sarifPath);
  return code;
}

/** The summary's file links point at the files on GitHub, at the commit the job checked. */
function linkBaseArgs(env: NodeJS.ProcessEnv): string[] {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (
    !server ||
    !repository ||
    !sha ||
    !/^https?:\/\/[^\s()<>]+$/.test(server) ||
    !/^[\w.-]+\/[\w.-]+$/.test(repository) ||
    !/^[0-9a-f]{40,64}$/i.test(sha)
  )
    return [];
  return ['--link-base', `${server.replace(/\/$/, '')}/${repository}/blob/${sha}/`];
}

function checkArgs(inputs: ActionInputs): string[] {
  const args = [inputs.path, '--fail-on', inputs.failOn];
  if (inputs.stage) args.push('--stage', inputs.stage);
  return args;
}

/** Annotation commands for the due findings and `.stage.yml` problems, changed lines first. */
function annotationLines(json: CheckJson, workspace: string, io: ActionIo): string[] {
  const located: Array<{ item: JsonLocated; title: string }> = [];
  for (const service of json.services) {
    for (const problem of service.stageFileProblems) located.push({ item: problem, title: `Stage Guide: ${problem.code}` });
    for (const finding of service.findings) {
      if (finding.status === 'due') located.push({ item: finding, title: `Stage Guide: ${finding.rule} (${finding.label})` });
    }
  }
  const annotations = located.map(
    ({ item, title }): Annotation => ({
      level: LEVEL[item.severity],
      file: repositoryPath(workspace, item.file),
      line: item.line,
      column: item.column,
      endLine: item.endLine,
      endColumn: item.endColumn,
      title,
      message: item.message,
    }),
  );
  // The same finding reached through two services (a nested .stage.yml) is one annotation.
  const unique = [...new Map(annotations.map((annotation) => [annotationCommand(annotation), annotation])).values()];
  const diff = pullRequestChangedLines(io.env, workspace);
  if (diff.reason) io.log(`Annotating every due finding: the pull request's changed lines are unknown (${diff.reason}).`);
  const chosen = diff.changed
    ? unique.filter((annotation) => touchesChange(diff.changed!, annotation.file, annotation.line, annotation.endLine))
    : unique;
  const lines = chosen.slice(0, MAX_ANNOTATIONS).map(annotationCommand);
  const left = chosen.length - lines.length;
  if (left > 0)
    lines.push(
      `${left} more due ${left === 1 ? 'finding is' : 'findings are'} not annotated (the job summary and the SARIF file list them all).`,
    );
  if (diff.changed)
    lines.push(
      `${chosen.length} of ${unique.length} due ${unique.length === 1 ? 'finding touches' : 'findings touch'} the pull request's changed lines.`,
    );
  return lines;
}

/** JSON paths are relative to the folder the CLI ran in (the workspace); annotations want the repository's. */
function repositoryPath(workspace: string, file: string): string {
  const absolute = isAbsolute(file) ? file : resolve(workspace, file);
  return relative(workspace, absolute).split('\\').join('/');
}

function writeOutputs(env: NodeJS.ProcessEnv, json: CheckJson, sarifPath: string | undefined): void {
  if (!env.GITHUB_OUTPUT) return;
  const stages = [...new Set(json.services.map((service) => service.stage?.id).filter((id): id is string => Boolean(id)))];
  const outputs: Record<string, string> = {
    errors: String(json.summary.errors),
    warnings: String(json.summary.warnings),
    infos: String(json.summary.infos),
    failed: String(json.failed),
    stage: stages.join(','),
    'sarif-file': sarifPath ?? '',
  };
  appendFileSync(
    env.GITHUB_OUTPUT,
    Object.entries(outputs)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
}

/** Runs one `check` and returns what it printed (its exit code is the log run's, already known). */
async function capture(argv: string[], cwd: string, io: ActionIo): Promise<string> {
  const lines: string[] = [];
  await runCli(argv, { term: terminal((line) => lines.push(line), io.errorLog), cwd });
  return lines.join('\n');
}

function terminal(out: (line: string) => void, err: (line: string) => void): Terminal {
  // A job log is no terminal: no colour, and the width a log viewer shows comfortably.
  return { out: (line = '') => out(line), err: (line = '') => err(line), color: false, width: 100, isTTY: false };
}
