import type { ConcernAssessment, EvidenceItem, PracticeAssessment, ServiceAssessment } from '../../core/evidence/index';
import { stageInfo } from '../../core/matrix/matrixQueries';
import { builtinMatrix } from '../../core/matrix/builtinMatrix';
import { plural } from '../plural';
import { escapeControl, paint, wrap } from '../terminal';
import type { Terminal } from '../terminal';
import { displayPath } from './paths';

/** Places listed per practice; the rest are counted. */
const MAX_PLACES = 3;

/**
 * The evidence behind an assessment (`check --evidence`, `stage-guide assess`):
 * the concern table, every practice due with what proves it or what would
 * satisfy it, and the next stage's checklist.
 */
export function renderEvidence(term: Terminal, cwd: string, service: ServiceAssessment): void {
  renderConcernTable(term, service.concerns);
  for (const concern of service.concerns) {
    const due = concern.practices.filter((practice) => practice.timing === 'due');
    if (due.length === 0) continue;
    term.out();
    term.out(paint(term, 'bold', `${concern.name}${concern.stage ? ` · ${shortName(concern.stage)}` : ''}`));
    for (const practice of due) renderPractice(term, cwd, practice);
  }
  renderReadiness(term, service);
}

function renderConcernTable(term: Terminal, concerns: readonly ConcernAssessment[]): void {
  const nameWidth = Math.max(7, ...concerns.map((concern) => concern.name.length)) + 2;
  const stageWidth = Math.max(5, ...concerns.map((concern) => (concern.stage ? shortName(concern.stage).length : 1))) + 2;
  const observedWidth =
    Math.max(8, ...concerns.map((concern) => (concern.observedStage ? shortName(concern.observedStage).length : 1))) + 2;
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

function renderPractice(term: Terminal, cwd: string, practice: PracticeAssessment): void {
  for (const line of wrap(escapeControl(practice.practice.title), term.width, `  ${marker(term, practice)} `, '    ')) term.out(line);
  term.out(paint(term, 'dim', `    ${escapeControl(practice.practice.id)}`));
  if (practice.status === 'met') {
    renderPlaces(term, cwd, practice.evidence);
  } else if (practice.status === 'missing') {
    renderPlaces(term, cwd, practice.counterEvidence);
    const ways = practice.satisfiedBy.map((signal) => signal.satisfiedBy).join(' Or: ');
    for (const line of wrap(`Satisfied by: ${escapeControl(ways)}`, term.width, '    ', '    ')) term.out(paint(term, 'dim', line));
  } else {
    const reason =
      practice.unknownReason?.kind === 'not-applicable'
        ? `Not applicable: no evidence shows that ${practice.unknownReason.description}.`
        : 'Not observable in files.';
    for (const line of wrap(escapeControl(reason), term.width, '    ', '    ')) term.out(paint(term, 'dim', line));
  }
}

function renderPlaces(term: Terminal, cwd: string, places: readonly EvidenceItem[]): void {
  for (const place of places.slice(0, MAX_PLACES)) {
    const path = escapeControl(displayPath(cwd, place.path));
    const at = place.line !== undefined ? `${path}:${place.line + 1}` : path;
    const detail = escapeControl(place.detail);
    const text = detail === path ? at : `${at} ${detail}`;
    for (const line of wrap(text, term.width, '    - ', '      ')) term.out(line);
  }
  if (places.length > MAX_PLACES) term.out(`    - and ${plural(places.length - MAX_PLACES, 'more place')}`);
}

function renderReadiness(term: Terminal, service: ServiceAssessment): void {
  const readiness = service.readiness;
  if (!readiness.to || readiness.concerns.length === 0) return;
  term.out();
  const total = readiness.met + readiness.missing + readiness.unknown;
  const findingsThere = readiness.findings > 0 ? `; ${plural(readiness.findings, 'config finding')} due there` : '';
  const title = `Next: ${stageInfo(builtinMatrix(), readiness.to).name} — ${readiness.met} of ${plural(total, 'new practice')} met, ${readiness.missing} missing, ${readiness.unknown} not observable${findingsThere}`;
  for (const line of wrap(title, term.width, '', '  ')) term.out(paint(term, 'bold', line));
  for (const concern of readiness.concerns) {
    if (concern.practices.length === 0 && concern.findings.length === 0) continue;
    const extra = concern.findings.length > 0 ? paint(term, 'dim', ` (${plural(concern.findings.length, 'config finding')})`) : '';
    const target = concern.to !== readiness.to ? paint(term, 'dim', ` → ${shortName(concern.to)}`) : '';
    term.out(`  ${concern.concernName}${target}${extra}`);
    for (const practice of concern.practices) {
      for (const line of wrap(escapeControl(practice.practice.title), term.width, `    ${marker(term, practice)} `, '      '))
        term.out(line);
    }
  }
}

function marker(term: Terminal, practice: PracticeAssessment): string {
  if (practice.status === 'met') return paint(term, 'green', '✓');
  if (practice.status === 'missing') return paint(term, 'yellow', '✗');
  return paint(term, 'dim', '?');
}

function shortName(stage: NonNullable<ConcernAssessment['stage']>): string {
  return stageInfo(builtinMatrix(), stage).shortName;
}
