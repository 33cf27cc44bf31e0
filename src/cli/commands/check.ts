import { assessWorkspace } from '../../core/evidence/index';
import type { AssessProgress } from '../../core/evidence/index';
import { resolveStageName } from '../../core/matrix/stageAliases';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import type { StageId } from '../../core/stages';
import type { CliCommand, CommandContext } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../command';
import { checkJson } from '../checkFormats/json';
import { FAIL_ON_VALUES, failsOn, summarize } from '../checkFormats/reported';
import type { FailOn } from '../checkFormats/reported';
import { renderText } from '../checkFormats/text';
import { fileSelection, narrowToFiles } from '../fileSelection';
import { nodeFileSystem } from '../nodeFileSystem';
import { ruleCatalogIds } from '../ruleIds';
import { toSarif } from '../sarif';
import { resolveTarget, ROOT_OPTION } from '../workspaceTarget';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Practices and config-file findings the workspace shows',
  usage: 'stage-guide check [dir | file...] [--format F] [--fail-on L] [--stage S] [--root D]',
  help: [
    'Scans every service the folder touches (each .stage.yml subtree on its own)',
    'for evidence of the matrix practices, and runs the config-file rules.',
    'Reports practices missing at the current stage (warning) and at the next',
    'stage (info), and config-file findings as file:line:col severity rule message.',
    'Given files instead of a folder (a pre-commit hook passes the staged ones),',
    'it reports only their findings and the problems of a .stage.yml among them.',
    '',
    '  --format F      text (default), json (see README) or sarif (SARIF 2.1.0)',
    '  --json          same as --format json',
    '  --fail-on L     exit 1 when anything reaches L: error, warning (default),',
    '                  info, or none (always exit 0)',
    '  --stage STAGE   assess as if STAGE were declared (preview the next stage)',
    '  --root DIR      the workspace root (default: the git root)',
    '',
    'Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage error.',
  ],
  options: { ...ROOT_OPTION, format: { type: 'string' }, json: { type: 'boolean' }, 'fail-on': { type: 'string' }, stage: { type: 'string' } },
  async run(context) {
    const format = formatOption(context);
    const failOn = failOnOption(context);
    const stageOverride = stageOption(context);
    const selection = fileSelection(context.cwd, context.positionals);
    const target = await resolveTarget(context, selection?.dir ?? context.positionals[0]);
    const progress = progressReporter();
    const assessed = await assessWorkspace(target.dir, {
      fs: nodeFileSystem,
      workspaceRoot: target.root,
      today: context.today,
      knownRuleIds: ruleCatalogIds(),
      stageOverride,
      onProgress: progress.report,
    });
    progress.done();
    const assessment = selection ? narrowToFiles(assessed, selection.files) : assessed;
    const summary = summarize(assessment);
    const failed = failsOn(summary, failOn);
    if (format === 'json') context.term.out(JSON.stringify(checkJson(context.cwd, assessment, summary, failOn, failed), null, 2));
    else if (format === 'sarif') context.term.out(JSON.stringify(toSarif(assessment), null, 2));
    else renderText(context.term, context.cwd, assessment, summary, failOn);
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  },
};

function formatOption(context: CommandContext): Format {
  const written = context.values.format;
  if (written === undefined) return context.values.json ? 'json' : 'text';
  if (typeof written !== 'string' || !(FORMATS as readonly string[]).includes(written)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  if (context.values.json && written !== 'json') throw new UsageError('--json and --format disagree.');
  return written as Format;
}

function failOnOption(context: CommandContext): FailOn {
  const written = context.values['fail-on'];
  if (written === undefined) return 'warning';
  if (typeof written !== 'string' || !(FAIL_ON_VALUES as readonly string[]).includes(written)) throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}.`);
  return written as FailOn;
}

function stageOption(context: CommandContext): StageId | undefined {
  const written = context.values.stage;
  if (written === undefined) return undefined;
  const stage = typeof written === 'string' ? resolveStageName(builtinMatrix(), written) : undefined;
  if (!stage) throw new UsageError(`Unknown stage "${String(written)}". Stages: ${builtinMatrix().stages.map((info) => info.id).join(', ')}.`);
  return stage;
}

/** A one-line progress counter on stderr, only on a terminal (never in CI logs or pipes). */
function progressReporter(): { report(progress: AssessProgress): void; done(): void } {
  const stream = process.stderr;
  if (!stream.isTTY) return { report: () => undefined, done: () => undefined };
  let shown = false;
  let last = 0;
  return {
    report(progress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const what = progress.phase === 'walking' ? `${progress.entries} entries, ${progress.relevantFiles} relevant files` : `${progress.filesRead} files read`;
      stream.write(`\r\u001b[2Kstage-guide: scanning ${what}…`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
