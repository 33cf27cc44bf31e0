import { assessWorkspace } from '../../core/evidence/index';
import type { AssessProgress, WorkspaceAssessment } from '../../core/evidence/index';
import { resolveStageName } from '../../core/matrix/stageAliases';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import type { StageId } from '../../core/stages';
import type { CliCommand, CommandContext } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../command';
import { checkJsonStream } from '../checkFormats/json';
import { toolNotifications } from '../checkFormats/notifications';
import { displayPath } from '../checkFormats/paths';
import { renderPlace } from '../render';
import { FAIL_ON_VALUES, failsOn, summarize } from '../checkFormats/reported';
import type { FailOn } from '../checkFormats/reported';
import { renderGitlab } from '../checkFormats/gitlab';
import { renderMarkdown } from '../checkFormats/markdown';
import { buildReport } from '../checkFormats/reportItems';
import { renderText } from '../checkFormats/text';
import type { TextOptions } from '../checkFormats/text';
import type { Terminal } from '../terminal';
import { readReportedFiles } from '../fileContents';
import { fileSelection, narrowToFiles } from '../fileSelection';
import { nodeFileSystem } from '../nodeFileSystem';
import { ruleCatalogIds } from '../ruleIds';
import { writeJson } from '../jsonStream';
import { toSarifStream } from '../sarif';
import { resolveTarget, ROOT_OPTION } from '../workspaceTarget';
import { fileWorkerPool, jobsOption } from '../fileWorkers/jobs';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'gitlab'] as const;
const GROUP_BY = ['file', 'rule'] as const;
const SHOW = ['due', 'next'] as const;
type Format = (typeof FORMATS)[number];

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Practices and config-file findings the workspace shows',
  usage: 'stage-guide check [dir | file...] [--format F] [--fail-on L] [options]',
  help: [
    'Scans every service the folder touches (each .stage.yml subtree on its own)',
    'for evidence of the matrix practices, and runs the config-file rules.',
    'The text report lists what is due now: problems in config files, grouped',
    'by file as line:col severity message rule, then the practices missing.',
    'Given files instead of a folder (a pre-commit hook passes the staged ones),',
    'it reports only their findings and the problems of a .stage.yml among them.',
    '',
    '  --format F      text (default), json (see docs/cli.md), sarif (SARIF 2.1.0),',
    '                  markdown (PR comments, job summaries) or gitlab (Code Quality)',
    '  --json          same as --format json',
    '  --fail-on L     exit 1 when anything reaches L: error, warning (default),',
    '                  info, or none (always exit 0)',
    '  --stage STAGE   assess as if STAGE were declared (preview the next stage)',
    '  --next          also what the next stage asks (same as --show next)',
    '  --group-by G    file (default) or rule',
    '  --explain       why each rule matters and how to fix it, once per rule',
    '  --evidence      what the assessment rests on: met practices, "Satisfied by"',
    '  --quiet         only errors and warnings due now',
    '  --max N         list at most N findings and practices',
    '  --link-base URL markdown: file links start with URL (a blob URL at a commit)',
    '  --root DIR      the workspace root (default: the git root)',
    '  --jobs N        threads that read and parse the files of large services:',
    '                  N, or auto (cores, at most 4); STAGE_GUIDE_JOBS. Default:',
    '                  2 where there are 2 cores, for large services only',
    '',
    'Colour only on a terminal (NO_COLOR turns it off); COLUMNS sets the width.',
    'Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage error.',
  ],
  options: {
    ...ROOT_OPTION,
    format: { type: 'string' },
    json: { type: 'boolean' },
    'fail-on': { type: 'string' },
    stage: { type: 'string' },
    next: { type: 'boolean' },
    show: { type: 'string' },
    'group-by': { type: 'string' },
    explain: { type: 'boolean' },
    evidence: { type: 'boolean' },
    quiet: { type: 'boolean' },
    max: { type: 'string' },
    'link-base': { type: 'string' },
    jobs: { type: 'string' },
  },
  async run(context) {
    const format = formatOption(context);
    const failOn = failOnOption(context);
    const stageOverride = stageOption(context);
    const textOptions = textOptionsOf(context);
    const selection = fileSelection(context.cwd, context.positionals);
    const target = await resolveTarget(context, selection?.dir ?? context.positionals[0]);
    const jobs = jobsOption(context.values.jobs, process.env);
    const progress = progressReporter(context.term);
    // Large services are read, parsed and analysed on worker threads (the report is the same, in the same order).
    const fileWork = fileWorkerPool(jobs, context.startFileWorker);
    // A build without the worker file beside it (the GitHub Action's single file) reads on one thread: said when asked, not silent.
    if (fileWork && jobs.asked && !fileWork.canStartWorkers())
      context.term.err(
        `check: --jobs ${jobs.threads} asked for worker threads, but this build has no fileWorker.js beside it; reading on one thread`,
      );
    let assessed: WorkspaceAssessment;
    try {
      assessed = await assessWorkspace(target.dir, {
        fs: nodeFileSystem,
        workspaceRoot: target.root,
        today: context.today,
        knownRuleIds: ruleCatalogIds(),
        stageOverride,
        onProgress: progress.report,
        // No format writes a fix's edits (JSON says only `hasFix`): the scan need not hold them.
        fixes: 'presence',
        fileWork,
      });
    } finally {
      await fileWork?.close();
    }
    progress.done();
    const assessment = selection ? narrowToFiles(assessed, selection.files) : assessed;
    const summary = summarize(assessment);
    // A file the scan could not read makes the check incomplete: said on every format, and failing unless --fail-on none.
    const notifications = toolNotifications(assessment);
    const failed = failsOn(summary, failOn) || (notifications.length > 0 && failOn !== 'none');
    if (format !== 'json' && format !== 'sarif')
      for (const notice of notifications)
        context.term.err(
          `${renderPlace(displayPath(context.cwd, notice.path), notice.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })} ${notice.level} ${notice.code} ${notice.message}`,
        );
    // JSON reports are written as they are made (the same text as JSON.stringify): never one string the size of the report.
    if (format === 'json') writeJson(context.term, checkJsonStream(context.cwd, assessment, summary, failOn, failed));
    else if (format === 'sarif') writeJson(context.term, toSarifStream(assessment));
    else {
      const files = await readReportedFiles(assessment);
      if (format === 'gitlab') writeJson(context.term, renderGitlab(assessment, files));
      else {
        const report = buildReport(assessment, { next: textOptions.next, quiet: textOptions.quiet }, files.idOf);
        if (format === 'markdown')
          context.term.out(renderMarkdown(assessment, report, { max: textOptions.max, linkBase: linkBaseOption(context) }));
        else renderText(context.term, context.cwd, assessment, report, textOptions);
      }
    }
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  },
};

function formatOption(context: CommandContext): Format {
  const written = context.values.format;
  if (written === undefined) return context.values.json ? 'json' : 'text';
  if (typeof written !== 'string' || !(FORMATS as readonly string[]).includes(written))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  if (context.values.json && written !== 'json') throw new UsageError('--json and --format disagree.');
  return written as Format;
}

function textOptionsOf(context: CommandContext): TextOptions {
  const groupBy = oneOf(context, 'group-by', GROUP_BY) ?? 'file';
  const show = oneOf(context, 'show', SHOW);
  const maxText = context.values.max;
  let max: number | undefined;
  if (maxText !== undefined) {
    if (typeof maxText !== 'string' || !/^\d+$/.test(maxText)) throw new UsageError('--max must be a whole number (0 or more).');
    max = Number(maxText);
  }
  return {
    groupBy,
    explain: context.values.explain === true,
    evidence: context.values.evidence === true,
    next: context.values.next === true || show === 'next',
    quiet: context.values.quiet === true,
    max,
  };
}

/** An http(s) URL without spaces or Markdown link delimiters; a trailing `/` is added. */
function linkBaseOption(context: CommandContext): string | undefined {
  const written = context.values['link-base'];
  if (written === undefined) return undefined;
  if (typeof written !== 'string' || !/^https?:\/\/[^\s()<>]+$/.test(written)) throw new UsageError('--link-base must be an http(s) URL.');
  return written.endsWith('/') ? written : `${written}/`;
}

function oneOf<T extends string>(context: CommandContext, option: string, values: readonly T[]): T | undefined {
  const written = context.values[option];
  if (written === undefined) return undefined;
  if (typeof written !== 'string' || !(values as readonly string[]).includes(written))
    throw new UsageError(`--${option} must be one of ${values.join(', ')}.`);
  return written as T;
}

function failOnOption(context: CommandContext): FailOn {
  const written = context.values['fail-on'];
  if (written === undefined) return 'warning';
  if (typeof written !== 'string' || !(FAIL_ON_VALUES as readonly string[]).includes(written))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}.`);
  return written as FailOn;
}

function stageOption(context: CommandContext): StageId | undefined {
  const written = context.values.stage;
  if (written === undefined) return undefined;
  const stage = typeof written === 'string' ? resolveStageName(builtinMatrix(), written) : undefined;
  if (!stage)
    throw new UsageError(
      `Unknown stage "${String(written)}". Stages: ${builtinMatrix()
        .stages.map((info) => info.id)
        .join(', ')}.`,
    );
  return stage;
}

/** A one-line progress counter on the terminal's status line, only when it has one (never in CI logs or pipes). */
function progressReporter(term: Terminal): { report(progress: AssessProgress): void; done(): void } {
  const status = term.status?.bind(term);
  if (!status) return { report: () => undefined, done: () => undefined };
  let shown = false;
  let last = 0;
  return {
    report(progress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const what =
        progress.phase === 'walking'
          ? `${progress.entries} entries, ${progress.relevantFiles} relevant files`
          : `${progress.filesRead} files read`;
      status(`\r\u001b[2Kstage-guide: scanning ${what}…`);
    },
    done() {
      if (shown) status('\r\u001b[2K');
    },
  };
}
