import type { ConcernAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import { stageInfo } from '../../core/matrix/matrixQueries';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import type { StageId } from '../../core/stages';
import { plural } from '../plural';
import { escapeControl, paint, wrap } from '../terminal';
import type { Style, Terminal } from '../terminal';
import { displayPath } from './paths';
import type { ReportLevel } from './reported';
import { countFileItems, topRules } from './reportItems';
import type { FileItem, PracticeItem, Report } from './reportItems';
import { renderEvidence } from './textEvidence';
import { messageColumn, withPrefix } from './textLayout';

export interface TextOptions {
  groupBy: 'file' | 'rule';
  /** Why and how to fix, once per rule, at the end. */
  explain: boolean;
  /** The evidence behind the assessment (met practices, "Satisfied by"). */
  evidence: boolean;
  /** Next-stage items are in the report (they were selected with --next). */
  next: boolean;
  quiet: boolean;
  /** At most this many findings and practices listed. */
  max?: number;
}

/** Other files listed on an "also in" line; the rest are counted. */
const MAX_COPIES = 3;
/** Rules named on the opening "Top rules" line. */
const TOP_RULES = 3;

/**
 * The report a person reads, shaped like the linters people like to read
 * (ESLint's stylish, Ruff, cargo): a short summary first (stage, observed
 * stage per concern, counts, top rules), then problems grouped by file (or by
 * rule) as `line:col  severity  message  rule`, then the practices missing,
 * and one closing line. Everything quoted from files is escaped.
 */
export function renderText(term: Terminal, cwd: string, assessment: WorkspaceAssessment, report: Report, options: TextOptions): void {
  const shown = limit(report, options.max);
  if (!options.quiet) {
    assessment.services.forEach((service, index) => {
      if (index > 0) term.out();
      renderServiceHeader(term, cwd, service);
    });
    if (assessment.services.length > 1) term.out();
    renderTotals(term, report);
  }
  if (options.groupBy === 'rule') renderByRule(term, cwd, shown.files);
  else renderByFile(term, cwd, shown.files);
  renderPractices(term, cwd, shown.practices);
  if (shown.left > 0) {
    term.out();
    term.out(paint(term, 'dim', `… and ${plural(shown.left, 'more item')} not listed (--max ${options.max}).`));
  }
  if (options.evidence) {
    for (const service of assessment.services) {
      term.out();
      term.out(paint(term, 'bold', `Evidence · ${serviceLabel(cwd, service)}`));
      renderEvidence(term, cwd, service);
    }
  }
  if (options.explain) renderExplanations(term, shown.files, shown.practices);
  term.out();
  if (!options.quiet) renderHints(term, assessment, report, options);
  term.out(closingLine(assessment, report));
}

function limit(report: Report, max: number | undefined): { files: FileItem[]; practices: PracticeItem[]; left: number } {
  if (max === undefined) return { files: report.files, practices: report.practices, left: 0 };
  const files = report.files.slice(0, max);
  const practices = report.practices.slice(0, Math.max(0, max - files.length));
  return { files, practices, left: report.files.length + report.practices.length - files.length - practices.length };
}

// ── The opening summary ────────────────────────────────────────────────────

function renderServiceHeader(term: Terminal, cwd: string, service: ServiceAssessment): void {
  term.out(paint(term, 'bold', serviceLabel(cwd, service)));
  if (!service.stage) {
    labelled(term, 'Stage', 'none declared: nothing is due (stage-guide init --stage mvp)');
    labelled(term, 'Observed', service.concerns.map((concern) => `${concern.name} (${observedName(concern)})`).join(', '));
    return;
  }
  const declared = service.stageOverridden
    ? ` (--stage; declared: ${service.declaredStage ? shortName(service.declaredStage) : 'none'})`
    : '';
  labelled(
    term,
    'Stage',
    `${shortName(service.stage)}${declared} · ${service.next ? `next: ${shortName(service.next)}` : 'the last stage'}`,
  );
  const meets = service.concerns.filter((concern) => concern.badge === 'met');
  const below = service.concerns.filter((concern) => concern.badge === 'gaps');
  const unseen = service.concerns.filter((concern) => concern.badge === 'unknown');
  const rows: string[] = [];
  const asks = (concern: ConcernAssessment) =>
    concern.stage && concern.stage !== service.stage ? `, asks ${shortName(concern.stage)}` : '';
  if (meets.length > 0)
    rows.push(
      `meets its stage: ${meets.map((concern) => concern.name + (asks(concern) ? ` (${asks(concern).slice(2)})` : '')).join(', ')}`,
    );
  if (below.length > 0)
    rows.push(`below: ${below.map((concern) => `${concern.name} (${observedName(concern)}${asks(concern)})`).join(', ')}`);
  if (unseen.length > 0) rows.push(`not observable: ${unseen.map((concern) => concern.name).join(', ')}`);
  rows.forEach((row, index) => labelled(term, index === 0 ? 'Observed' : '', row));
}

function renderTotals(term: Terminal, report: Report): void {
  const due = dueOnly(report);
  labelled(term, 'Due now', `${problemCount(countFileItems(due.files))} · ${plural(due.practices.length, 'practice')} missing`);
  const top = topRules(due.files).slice(0, TOP_RULES);
  if (top.length > 0) labelled(term, 'Top rules', top.map((entry) => `${entry.rule} (${entry.count})`).join(', '));
}

const LABEL_WIDTH = 11;

function labelled(term: Terminal, label: string, text: string): void {
  const lines = wrap(escapeControl(text), term.width, ' '.repeat(LABEL_WIDTH), ' '.repeat(LABEL_WIDTH + 2));
  lines[0] = paint(term, 'dim', label.padEnd(LABEL_WIDTH)) + lines[0].slice(LABEL_WIDTH);
  lines.forEach((line) => term.out(line));
}

function serviceLabel(cwd: string, service: ServiceAssessment): string {
  const where = service.stageFile ? displayPath(cwd, service.stageFile) : `${displayPath(cwd, service.root)} (no .stage.yml)`;
  return escapeControl(service.name ? `${service.name} · ${where}` : where);
}

function observedName(concern: ConcernAssessment): string {
  return concern.observedStage ? shortName(concern.observedStage) : 'none';
}

// ── Problems in files ──────────────────────────────────────────────────────

const SEVERITY_WIDTH = 7;
const LEVEL_STYLE: Record<ReportLevel, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

function renderByFile(term: Terminal, cwd: string, items: readonly FileItem[]): void {
  const groups = new Map<string, FileItem[]>();
  for (const item of items) groups.set(item.path, [...(groups.get(item.path) ?? []), item]);
  for (const [path, group] of groups) {
    term.out();
    term.out(paint(term, 'bold', escapeControl(displayPath(cwd, path))));
    const placeWidth = Math.max(...group.map((item) => place(item).length));
    for (const item of group) {
      const prefixWidth = 2 + placeWidth + 2 + SEVERITY_WIDTH + 2;
      const prefix = `  ${place(item).padEnd(placeWidth)}  ${severity(term, item)}  `;
      printItem(term, prefix, prefixWidth, escapeControl(item.message), item.rule);
      printCopies(term, cwd, item, prefixWidth);
    }
  }
}

function renderByRule(term: Terminal, cwd: string, items: readonly FileItem[]): void {
  const order = topRules(items).map((entry) => entry.rule);
  for (const rule of order) {
    const group = items.filter((item) => item.rule === rule);
    term.out();
    term.out(paint(term, 'bold', rule));
    wrap(escapeControl(group[0].text.title), term.width, '  ', '  ').forEach((line) => term.out(paint(term, 'dim', line)));
    for (const item of group) {
      const where = `${escapeControl(displayPath(cwd, item.path))}:${place(item)}`;
      const prefixWidth = 2 + where.length + 2 + SEVERITY_WIDTH + 2;
      if (prefixWidth > term.width / 2) {
        term.out(`  ${where}  ${severity(term, item).trimEnd()}`);
        printItem(term, '      ', 6, escapeControl(item.message), '');
        printCopies(term, cwd, item, 6);
      } else {
        printItem(term, `  ${where}  ${severity(term, item)}  `, prefixWidth, escapeControl(item.message), '');
        printCopies(term, cwd, item, prefixWidth);
      }
    }
  }
}

function printItem(term: Terminal, prefix: string, prefixWidth: number, message: string, tail: string): void {
  const lines = withPrefix(prefix, prefixWidth, messageColumn(prefixWidth, message, tail, term.width));
  for (const line of lines) term.out(tail && line.endsWith(tail) ? `${line.slice(0, -tail.length)}${paint(term, 'dim', tail)}` : line);
}

function printCopies(term: Terminal, cwd: string, item: FileItem, indent: number): void {
  if (item.copies.length === 0) return;
  const names = item.copies.slice(0, MAX_COPIES).map((copy) => escapeControl(displayPath(cwd, copy)));
  const more = item.copies.length > MAX_COPIES ? ` and ${item.copies.length - MAX_COPIES} more` : '';
  const text = `also in ${plural(item.copies.length, 'identical file')}: ${names.join(', ')}${more}`;
  for (const line of wrap(text, term.width, ' '.repeat(indent), ' '.repeat(indent + 2))) term.out(paint(term, 'dim', line));
}

function place(item: FileItem): string {
  return `${item.range.start.line + 1}:${item.range.start.character + 1}`;
}

function severity(term: Terminal, item: FileItem): string {
  // A next-stage item says so where the severity goes: it is not due yet.
  const word = item.timing === 'next' ? 'next' : item.level;
  return paint(term, item.timing === 'next' ? 'dim' : LEVEL_STYLE[item.level], word) + ' '.repeat(SEVERITY_WIDTH - word.length);
}

// ── Missing practices ──────────────────────────────────────────────────────

function renderPractices(term: Terminal, cwd: string, practices: readonly PracticeItem[]): void {
  const groups = new Map<string, PracticeItem[]>();
  for (const item of practices) {
    const key = `${item.service.root}\u0000${item.timing}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  // Per service (in the assessment's order), what is due now before what the next stage asks.
  const services = [...new Set(practices.map((item) => item.service))];
  const rank = (group: PracticeItem[]) => services.indexOf(group[0].service) * 2 + (group[0].timing === 'due' ? 0 : 1);
  const ordered = [...groups.values()].sort((a, b) => rank(a) - rank(b));
  for (const group of ordered) {
    const { service, timing } = group[0];
    const stage = timing === 'next' ? service.next : service.stage;
    term.out();
    const forStage = stage ? ` for ${shortName(stage)}${timing === 'next' ? ' (the next stage)' : ''}` : '';
    const who = service.name ? `${escapeControl(service.name)}: ` : '';
    term.out(paint(term, 'bold', `${who}${plural(group.length, 'practice')} missing${forStage}`));
    for (const item of group) {
      const marker = paint(term, timing === 'next' ? 'dim' : 'yellow', '✗');
      printItem(term, `  ${marker} `, 4, escapeControl(`${item.concernName}: ${item.practice.practice.title}`), item.practice.practice.id);
      const counter = item.practice.counterEvidence;
      if (counter.length > 0) {
        const first = counter[0];
        const at = `${escapeControl(displayPath(cwd, first.path))}${first.line !== undefined ? `:${first.line + 1}` : ''}`;
        const more = counter.length > 1 ? ` (and ${plural(counter.length - 1, 'more place')})` : '';
        for (const line of wrap(`${at}: ${escapeControl(first.detail)}${more}`, term.width, '    ', '      '))
          term.out(paint(term, 'dim', line));
      }
    }
  }
}

// ── Explanations, hints and the closing line ───────────────────────────────

function renderExplanations(term: Terminal, files: readonly FileItem[], practices: readonly PracticeItem[]): void {
  const seen = new Set<string>();
  const entries: Array<{ id: string; title: string; paragraphs: string[]; url?: string }> = [];
  for (const item of files) {
    if (seen.has(item.rule)) continue;
    seen.add(item.rule);
    entries.push({
      id: item.rule,
      title: item.text.title,
      paragraphs: [`Why: ${item.text.why}`, `Fix: ${item.text.fix}`],
      url: item.text.url,
    });
  }
  for (const item of practices) {
    const practice = item.practice.practice;
    if (seen.has(practice.id)) continue;
    seen.add(practice.id);
    const ways = item.practice.satisfiedBy.map((signal) => signal.satisfiedBy).join(' Or: ');
    entries.push({
      id: practice.id,
      title: practice.title,
      paragraphs: [`Why: ${practice.rationale}`, `Satisfied by: ${ways}`],
      url: practice.link,
    });
  }
  if (entries.length === 0) return;
  term.out();
  term.out(paint(term, 'bold', 'Why, and how to fix'));
  for (const entry of entries) {
    term.out();
    wrap(escapeControl(`${entry.id} — ${entry.title}`), term.width, '  ', '    ').forEach((line) => term.out(line));
    for (const paragraph of entry.paragraphs) wrap(escapeControl(paragraph), term.width, '    ', '    ').forEach((line) => term.out(line));
    if (entry.url) term.out(paint(term, 'dim', `    ${escapeControl(entry.url)}`));
  }
}

function renderHints(term: Terminal, assessment: WorkspaceAssessment, report: Report, options: TextOptions): void {
  const hints: string[] = [];
  if (!options.explain && report.files.length + report.practices.length > 0) hints.push('Why and how to fix each rule: --explain.');
  if (report.hiddenNext > 0) {
    const next = [...new Set(assessment.services.map((service) => service.next).filter((stage): stage is StageId => stage !== undefined))];
    const stage = next.length === 1 ? ` (${shortName(next[0])})` : '';
    hints.push(`${plural(report.hiddenNext, 'more item')} for the next stage${stage}: --next.`);
  }
  if (!options.evidence) hints.push('What the assessment rests on: --evidence.');
  for (const line of wrap(hints.join(' '), term.width)) term.out(paint(term, 'dim', line));
}

/** One closing line; problems in files and missing practices are counted apart, never added up. */
export function closingLine(assessment: WorkspaceAssessment, report: Report): string {
  const due = dueOnly(report);
  const problems = capitalise(problemCount(countFileItems(due.files)));
  const nextCount = report.files.length + report.practices.length - due.files.length - due.practices.length;
  const next = nextCount > 0 ? ` · ${plural(nextCount, 'item')} for the next stage` : '';
  const stages = [...new Set(assessment.services.map((service) => service.stage).filter((stage): stage is StageId => stage !== undefined))];
  if (stages.length === 0) return `${problems} · no stage declared`;
  const forStage = stages.length === 1 ? ` for ${shortName(stages[0])}` : '';
  const missing =
    due.practices.length === 0 ? `no practices missing${forStage}` : `${plural(due.practices.length, 'practice')} missing${forStage}`;
  return `${problems} · ${missing}${next}`;
}

/** The items due now: what the counts of a report speak of (next-stage items are counted apart). */
function dueOnly(report: Report): { files: FileItem[]; practices: PracticeItem[] } {
  return {
    files: report.files.filter((item) => item.timing === 'due'),
    practices: report.practices.filter((item) => item.timing === 'due'),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function problemCount(counts: ReturnType<typeof countFileItems>): string {
  if (counts.problems === 0) return 'no problems in config files';
  const levels = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.infos, 'info')].filter(
    (text) => !text.startsWith('0 '),
  );
  const detail = levels.length > 0 ? ` (${levels.join(', ')})` : '';
  return `${plural(counts.problems, 'problem')}${detail} in ${plural(counts.files, 'file')}`;
}

function shortName(stage: StageId): string {
  return stageInfo(builtinMatrix(), stage).shortName;
}
