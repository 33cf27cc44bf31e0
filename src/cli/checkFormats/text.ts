import type { ConcernAssessment, PracticeAssessment, ServiceAssessment, WorkspaceAssessment } from '../../core/evidence/index';
import { stageInfo } from '../../core/matrix/matrixQueries';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import type { StageId } from '../../core/stages';
import { renderPlace } from '../render';
import { paint, wrap } from '../terminal';
import type { Style, Terminal } from '../terminal';
import { displayPath } from './paths';
import { practiceLevel, problemLevel, reportedFindings, reportedPractices } from './reported';
import type { FailOn, ReportLevel, Summary } from './reported';

/** Counter-evidence places listed per missing practice; the rest are counted. */
const MAX_PLACES = 3;

/** The human format: per service a concern table, the gaps due now, the config findings, and the next stage's checklist. */
export function renderText(term: Terminal, cwd: string, assessment: WorkspaceAssessment, summary: Summary, failOn: FailOn): void {
  assessment.services.forEach((service, index) => {
    if (index > 0) term.out();
    renderService(term, cwd, service);
  });
  if (assessment.services.length > 0) term.out();
  const services = `${assessment.services.length} service${assessment.services.length === 1 ? '' : 's'}`;
  term.out(`${services}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')} (--fail-on ${failOn})`);
}

function renderService(term: Terminal, cwd: string, service: ServiceAssessment): void {
  const where = service.stageFile ? displayPath(cwd, service.stageFile) : `${displayPath(cwd, service.root)} (no .stage.yml)`;
  term.out(paint(term, 'bold', service.name ? `${service.name} — ${where}` : where));
  if (service.stage) {
    const next = service.next ? ` · next: ${stageName(service.next)}` : ' · the last stage';
    term.out(`Stage: ${stageName(service.stage)}${next}`);
    if (service.stageOverridden) term.out(paint(term, 'dim', `Assessed at --stage ${service.stage}; declared: ${service.declaredStage ?? 'none'}.`));
  } else {
    term.out('No stage is declared: practices are shown as observed, nothing is due.');
  }
  for (const problem of service.stageFileProblems) {
    term.out(`${renderPlace(displayPath(cwd, service.stageFile ?? service.root), problem.range)} ${level(term, problemLevel(problem))} ${problem.code} ${problem.message}`);
  }
  term.out();
  renderConcernTable(term, service.concerns);

  const due = reportedPractices(service).filter((practice) => practiceLevel(practice) === 'warning');
  if (due.length > 0) {
    term.out();
    term.out(paint(term, 'bold', `Missing at the current stage (${due.length}):`));
    for (const practice of due) renderMissing(term, cwd, practice, service.concerns);
  }

  const findings = reportedFindings(service);
  if (findings.length > 0) {
    term.out();
    term.out(paint(term, 'bold', `Config-file findings (${findings.length}):`));
    for (const finding of findings) {
      const at = renderPlace(displayPath(cwd, finding.path), finding.range);
      term.out(`  ${at} ${level(term, finding.severity!)} ${finding.ruleId} ${finding.message} (${finding.label})`);
    }
  }

  const readiness = service.readiness;
  if (readiness.to && readiness.concerns.length > 0) {
    term.out();
    const total = readiness.met + readiness.missing + readiness.unknown;
    const findingsThere = readiness.findings > 0 ? `; ${plural(readiness.findings, 'config finding')} due there` : '';
    term.out(paint(term, 'bold', `Next: ${stageName(readiness.to)} — ${readiness.met} of ${total} new practices met, ${readiness.missing} missing, ${readiness.unknown} not observable${findingsThere}`));
    for (const concern of readiness.concerns) {
      if (concern.practices.length === 0 && concern.findings.length === 0) continue;
      const extra = concern.findings.length > 0 ? paint(term, 'dim', ` (${plural(concern.findings.length, 'config finding')})`) : '';
      const target = concern.to !== readiness.to ? paint(term, 'dim', ` → ${stageInfo(builtinMatrix(), concern.to).shortName}`) : '';
      term.out(`  ${concern.concernName}${target}${extra}`);
      for (const practice of concern.practices) {
        for (const line of wrap(practice.practice.title, term.width, `    ${marker(term, practice)} `, '      ')) term.out(line);
      }
    }
  }
}

function renderConcernTable(term: Terminal, concerns: readonly ConcernAssessment[]): void {
  const nameWidth = Math.max(7, ...concerns.map((concern) => concern.name.length)) + 2;
  const stageWidth = Math.max(5, ...concerns.map((concern) => (concern.stage ? shortName(concern.stage).length : 1))) + 2;
  const observedWidth = Math.max(8, ...concerns.map((concern) => (concern.observedStage ? shortName(concern.observedStage).length : 1))) + 2;
  term.out(paint(term, 'dim', `${'Concern'.padEnd(nameWidth)}${'Stage'.padEnd(stageWidth)}${'Observed'.padEnd(observedWidth)}Evidence`));
  for (const concern of concerns) {
    const stage = concern.stage ? shortName(concern.stage) : '—';
    const observed = concern.observedStage ? shortName(concern.observedStage) : '—';
    term.out(`${concern.name.padEnd(nameWidth)}${stage.padEnd(stageWidth)}${observed.padEnd(observedWidth)}${badge(term, concern)}`);
  }
}

function badge(term: Terminal, concern: ConcernAssessment): string {
  const upTo = concern.practices.filter((practice) => practice.timing === 'due');
  const met = upTo.filter((practice) => practice.status === 'met').length;
  const missing = upTo.filter((practice) => practice.status === 'missing').length;
  if (concern.badge === 'met') return paint(term, 'green', `✓ met (${met})`);
  if (concern.badge === 'gaps') return paint(term, 'yellow', `✗ ${missing} missing, ${met} met`);
  return paint(term, 'dim', '? not observable');
}

function renderMissing(term: Terminal, cwd: string, practice: PracticeAssessment, concerns: readonly ConcernAssessment[]): void {
  const concern = concerns.find((candidate) => candidate.id === practice.concernId)?.name ?? practice.concernId;
  for (const line of wrap(`${concern}: ${practice.practice.title}`, term.width, `  ${paint(term, 'yellow', '✗')} `, '    ')) term.out(line);
  term.out(paint(term, 'dim', `    ${practice.practice.id}`));
  for (const place of practice.counterEvidence.slice(0, MAX_PLACES)) {
    const at = place.line !== undefined ? `${displayPath(cwd, place.path)}:${place.line + 1}` : displayPath(cwd, place.path);
    for (const line of wrap(`${at} ${place.detail}`, term.width, '    - ', '      ')) term.out(line);
  }
  if (practice.counterEvidence.length > MAX_PLACES) term.out(`    - and ${practice.counterEvidence.length - MAX_PLACES} more`);
  const ways = practice.satisfiedBy.map((signal) => signal.satisfiedBy).join(' Or: ');
  for (const line of wrap(`Satisfied by: ${ways}`, term.width, '    ', '    ')) term.out(paint(term, 'dim', line));
}

function marker(term: Terminal, practice: PracticeAssessment): string {
  if (practice.status === 'met') return paint(term, 'green', '✓');
  if (practice.status === 'missing') return paint(term, 'yellow', '✗');
  return paint(term, 'dim', '?');
}

const LEVEL_STYLE: Record<ReportLevel, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

function level(term: Terminal, value: ReportLevel): string {
  return paint(term, LEVEL_STYLE[value], value);
}

function stageName(stage: StageId): string {
  return stageInfo(builtinMatrix(), stage).name;
}

function shortName(stage: StageId): string {
  return stageInfo(builtinMatrix(), stage).shortName;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
