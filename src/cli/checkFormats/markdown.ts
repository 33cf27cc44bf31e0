import type { ConcernAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import { stageInfo } from '../../core/matrix/matrixQueries';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import type { StageId } from '../../core/stages';
import { withoutTrailing } from '../../core/text';
import { plural } from '../plural';
import { escapeControl } from '../terminal';
import { relativeUri, rootRelativePath } from './paths';
import type { ReportLevel } from './reported';
import { countFileItems } from './reportItems';
import type { FileItem, PracticeItem, Report } from './reportItems';
import { closingLine } from './text';

export interface MarkdownOptions {
  /** Rows per table; the rest are counted (a pull-request comment holds at most 65,536 characters). */
  max?: number;
  /** Prefix for file links (e.g. https://github.com/o/r/blob/<sha>/); links are relative to the repository root without it. */
  linkBase?: string;
}

/** Rows per table when --max is not given: keeps a comment well under GitHub's size limit. */
const DEFAULT_MAX_ROWS = 100;

const LEVEL_ICON: Record<ReportLevel, string> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };

/**
 * `check --format markdown`: for pull-request comments and job summaries. A
 * heading with the closing line's counts, per service its stage and observed
 * stages, then a table of the problems in files (links relative to the
 * repository root, `path#Lline`) and one of the practices missing. Text from
 * files is escaped: it can neither break a table nor add markup.
 */
export function renderMarkdown(assessment: WorkspaceAssessment, report: Report, options: MarkdownOptions = {}): string {
  const max = options.max ?? DEFAULT_MAX_ROWS;
  const out: string[] = [`### Stage Guide: ${mdText(closingLine(assessment, report))}`, ''];
  for (const service of assessment.services) out.push(...serviceSection(assessment, service), '');
  if (report.files.length > 0) {
    const counts = countFileItems(report.files);
    out.push(
      `#### ${plural(counts.problems, 'problem')} in ${plural(counts.files, 'config file')}`,
      '',
      '| Severity | Where | Problem | Rule |',
      '| --- | --- | --- | --- |',
    );
    for (const item of report.files.slice(0, max)) out.push(fileRow(assessment, item, options.linkBase ?? ''));
    out.push(...moreRows(report.files.length, max), '');
  }
  if (report.practices.length > 0) {
    out.push(
      `#### ${plural(report.practices.length, 'practice')} missing`,
      '',
      '| Service | Concern | Practice | Stage | Id |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const item of report.practices.slice(0, max)) out.push(practiceRow(item));
    out.push(...moreRows(report.practices.length, max), '');
  }
  if (report.hiddenNext > 0) out.push(`<sub>${plural(report.hiddenNext, 'more item')} for the next stage: run with \`--next\`.</sub>`, '');
  return endingInOneNewline(out.join('\n'));
}

/** The text with its trailing newlines collapsed to one. */
function endingInOneNewline(text: string): string {
  const trimmed = withoutTrailing(text, '\n');
  return trimmed === text ? text : `${trimmed}\n`;
}

function serviceSection(assessment: WorkspaceAssessment, service: ServiceAssessment): string[] {
  const name = service.name ? `**${mdText(service.name)}** · ` : '';
  const file = service.stageFile
    ? `\`${codeText(rootRelativePath(assessment.workspaceRoot, service.stageFile))}\``
    : `\`${codeText(rootRelativePath(assessment.workspaceRoot, service.root) || '.')}\` (no .stage.yml)`;
  const stage = service.stage
    ? ` · stage **${shortName(service.stage)}**${service.stageOverridden ? ' (--stage)' : ''} · ${service.next ? `next: ${shortName(service.next)}` : 'the last stage'}`
    : ' · no stage declared';
  const below = service.concerns.filter((concern) => concern.badge === 'gaps').length;
  const summary = service.stage
    ? `Observed stages: ${plural(below, 'concern')} below ${below === 1 ? 'its' : 'their'} stage`
    : 'Observed stages';
  return [
    `${name}${file}${stage}`,
    '',
    `<details><summary>${summary}</summary>`,
    '',
    '| Concern | Stage | Observed | |',
    '| --- | --- | --- | --- |',
    ...service.concerns.map(concernRow),
    '',
    '</details>',
  ];
}

function concernRow(concern: ConcernAssessment): string {
  const mark = concern.badge === 'met' ? '✅' : concern.badge === 'gaps' ? '❌' : '❔';
  return `| ${mdText(concern.name)} | ${concern.stage ? shortName(concern.stage) : '—'} | ${concern.observedStage ? shortName(concern.observedStage) : '—'} | ${mark} |`;
}

function fileRow(assessment: WorkspaceAssessment, item: FileItem, linkBase: string): string {
  const path = rootRelativePath(assessment.workspaceRoot, item.path);
  const line = item.range.start.line + 1;
  const where = `[${mdText(`${path}:${line}`)}](${linkBase}${relativeUri(path)}#L${line})`;
  const copies = item.copies.length > 0 ? ` (also in ${plural(item.copies.length, 'identical file')})` : '';
  const severity = item.timing === 'next' ? '⚪ next stage' : LEVEL_ICON[item.level];
  const rule =
    item.text.url && /^https:\/\//.test(item.text.url) ? `[\`${codeText(item.rule)}\`](${item.text.url})` : `\`${codeText(item.rule)}\``;
  return `| ${severity} | ${where}${copies} | ${mdText(item.message)} | ${rule} |`;
}

function practiceRow(item: PracticeItem): string {
  const stage = item.timing === 'next' ? `${shortName(item.practice.stage)} (next)` : shortName(item.practice.stage);
  return `| ${mdText(item.service.name ?? '—')} | ${mdText(item.concernName)} | ${mdText(item.practice.practice.title)} | ${stage} | \`${codeText(item.practice.practice.id)}\` |`;
}

function moreRows(total: number, max: number): string[] {
  return total > max ? ['', `… and ${plural(total - max, 'more row')} (\`--max\` sets how many are listed).`] : [];
}

/**
 * Text for a table cell: control characters escaped, markup characters
 * backslash-escaped, `@name` kept from pinging anyone. Paired backticks stay
 * code spans (the rules' messages use them), with `|` escaped inside, which
 * GitHub's tables require.
 */
export function mdText(text: string): string {
  const parts = escapeControl(text).split('`');
  if (parts.length % 2 === 0) return plainText(parts.join('`'));
  return parts.map((part, index) => (index % 2 === 1 && part.length > 0 ? `\`${codeText(part)}\`` : plainText(part))).join('');
}

function plainText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#!]/g, (char) => `\\${char}`).replace(/@(?=\w)/g, '@\u200b');
}

/** Inside a code span nothing is markup; only a table's `|` needs escaping (and control characters). */
function codeText(text: string): string {
  return escapeControl(text).replace(/`/g, "'").replace(/\|/g, '\\|');
}

function shortName(stage: StageId): string {
  return stageInfo(builtinMatrix(), stage).shortName;
}
