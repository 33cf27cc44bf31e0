import type { CommandContext } from '../command';
import { plural } from '../plural';
import { escapeControl, paint } from '../terminal';

/** The answer for a folder with no `.stage.yml`: a normal state, with the way forward. */
export function printNoStageFile(context: CommandContext, invalidFile: string | null): void {
  const term = context.term;
  if (invalidFile) {
    term.out(`${escapeControl(invalidFile)} declares no valid stage. Run: stage-guide validate`);
    return;
  }
  term.out('No .stage.yml governs this folder, so no stage is declared.');
  // Two lines, so the hint fits an 80-column terminal.
  term.out(paint(term, 'dim', 'Create one with: stage-guide init --stage mvp'));
  term.out(paint(term, 'dim', 'Stages: prototype, mvp, production, scale, enterprise.'));
}

export function printStageFileProblemsHint(context: CommandContext, count: number): void {
  if (count === 0) return;
  context.term.out(
    paint(context.term, 'yellow', `.stage.yml has ${plural(count, 'problem')}; valid parts apply. Run: stage-guide validate`),
  );
}
