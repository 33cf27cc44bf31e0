import { readShippedData } from '../shippedData';
import { isStageId, STAGE_IDS } from '../stages';
import type { StageId } from '../stages';
import type { Cell, Concern, Matrix, Practice, StageInfo } from './types';

let cached: Matrix | undefined;

/** The built-in matrix from data/matrix.yml (shipped data; a unit test keeps it valid and verbatim). */
export function builtinMatrix(): Matrix {
  if (!cached) cached = matrixFromData(readShippedData('matrix.yml') as RawMatrix);
  return cached;
}

interface RawPractice {
  id: string;
  title: string;
  rationale: string;
  link?: string;
  evidence?: { anyOf: string[] };
}

interface RawMatrix {
  title: string;
  stages: Array<Omit<StageInfo, 'id'> & { id: string }>;
  concerns: Array<{ id: string; name: string; cells: Record<string, { text: string; practices?: RawPractice[] }> }>;
}

/** Shapes the shipped YAML into a Matrix. Throws on malformed shipped data: that is our bug, not the user's. */
export function matrixFromData(raw: RawMatrix): Matrix {
  const stages = raw.stages.map((stage) => {
    if (!isStageId(stage.id)) throw new Error(`data/matrix.yml: unknown stage id ${stage.id}`);
    return { id: stage.id, name: stage.name, shortName: stage.shortName, aliases: [...stage.aliases] };
  });
  const concerns: Concern[] = raw.concerns.map((concern) => {
    const cells = {} as Record<StageId, Cell>;
    for (const stage of STAGE_IDS) {
      const cell = concern.cells[stage];
      if (!cell) throw new Error(`data/matrix.yml: ${concern.id} has no ${stage} cell`);
      cells[stage] = { text: cell.text, practices: (cell.practices ?? []).map((p) => toPractice(p)) };
    }
    return { id: concern.id, name: concern.name, cells, origin: 'builtin' };
  });
  return { title: raw.title, stages, concerns };
}

function toPractice(raw: RawPractice): Practice {
  const practice: Practice = { id: raw.id, title: raw.title, rationale: raw.rationale, origin: 'builtin' };
  if (raw.link) practice.link = raw.link;
  if (raw.evidence) practice.evidence = { anyOf: [...raw.evidence.anyOf] };
  return practice;
}
