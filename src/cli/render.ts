import type { Practice } from '../core/matrix/types';
import type { StageFileProblem } from '../core/stageFile/types';
import type { Range } from '../core/text';
import { escapeControl, paint, wrap } from './terminal';
import type { Terminal } from './terminal';

/** A practice as two or three wrapped lines: "• title", its rationale, its link. */
export function renderPractice(term: Terminal, practice: Practice, marker = '•'): string[] {
  // A team matrix is file text: escaped like every other.
  const lines = wrap(escapeControl(practice.title), term.width, `    ${marker} `, '      ');
  const why = wrap(escapeControl(practice.rationale), term.width, '      ', '      ').map((line) => paint(term, 'dim', line));
  const link = practice.link ? [paint(term, 'dim', `      ${escapeControl(practice.link)}`)] : [];
  return [...lines, ...why, ...link];
}

/** `file:line:col`, 1-based like compilers print. */
export function renderPlace(path: string, range: Range): string {
  return `${path}:${range.start.line + 1}:${range.start.character + 1}`;
}

/** `file:line:col severity code message`, file text escaped (a message may quote the file). */
export function renderProblem(path: string, problem: StageFileProblem): string {
  return escapeControl(`${renderPlace(path, problem.range)} ${problem.severity} ${problem.code} ${problem.message}`);
}

/** A bold heading; escaped, since it may carry a name from a .stage.yml. */
export function heading(term: Terminal, text: string): string {
  return paint(term, 'bold', escapeControl(text));
}
