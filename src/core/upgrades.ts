import type { Cell, Concern, Matrix, Practice } from './matrix/types';
import { STAGE_IDS } from './stages';
import type { StageId } from './stages';

export interface ConcernUpgrade {
  concern: Pick<Concern, 'id' | 'name' | 'origin'>;
  from: StageId;
  to: StageId;
  /** The seed's text at the current and at the target stage, verbatim. */
  currentText: string;
  nextText: string;
  /** Practices the target stage adds: those of every stage after `from` up to and including `to`. */
  newPractices: Practice[];
  /** 0 (nothing changes) … 1 (everything is new); concerns are listed by it, most first. */
  change: number;
}

export interface StageUpgrade {
  from: StageId;
  to: StageId;
  concerns: ConcernUpgrade[];
}

/**
 * What changes from one stage to a later one, concern by concern, with the
 * concerns that change most first. `stageForConcern` lets per-concern
 * overrides start a concern from its own stage.
 */
export function computeUpgrade(
  matrix: Matrix,
  from: StageId,
  to: StageId,
  stageForConcern?: (concernId: string) => StageId | undefined,
): StageUpgrade {
  const concerns = matrix.concerns.map((concern) => {
    const concernFrom = stageForConcern?.(concern.id) ?? from;
    return concernUpgrade(concern, concernFrom, to);
  });
  // Stable sort: ties keep the matrix's order, which readers know.
  concerns.sort((a, b) => b.change - a.change);
  return { from, to, concerns };
}

function concernUpgrade(concern: Concern, from: StageId, to: StageId): ConcernUpgrade {
  const between = STAGE_IDS.slice(STAGE_IDS.indexOf(from) + 1, STAGE_IDS.indexOf(to) + 1);
  const newPractices = between.flatMap((stage) => concern.cells[stage].practices);
  const current: Cell = concern.cells[from];
  const next: Cell = concern.cells[to];
  return {
    concern: { id: concern.id, name: concern.name, origin: concern.origin },
    from,
    to,
    currentText: current.text,
    nextText: next.text,
    newPractices,
    change: changeScore(current.text, next.text, newPractices.length),
  };
}

/** Word-level difference of the two texts, nudged by how many practices are new. */
function changeScore(currentText: string, nextText: string, newPracticeCount: number): number {
  if (currentText === nextText && newPracticeCount === 0) return 0;
  const words = (text: string) =>
    new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    );
  const a = words(currentText);
  const b = words(nextText);
  const shared = [...b].filter((word) => a.has(word)).length;
  const union = new Set([...a, ...b]).size || 1;
  const textChange = 1 - shared / union;
  return Math.min(1, textChange * 0.8 + Math.min(newPracticeCount, 5) * 0.04);
}
