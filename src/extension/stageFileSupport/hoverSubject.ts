// What the pointer is on in `.stage.yml`: a known key, a waiver key, a concern
// id or a stage name. Pure (no `vscode`); the hover provider words it.
import { resolveStageName } from '../../core/matrix/stageAliases';
import type { Matrix } from '../../core/matrix/types';
import { STAGE_FILE_KEYS } from '../../core/stageFile/parseStageFile';
import type { StageId } from '../../core/stages';
import { WAIVER_KEYS } from './completionCandidates';
import { scalarAt } from './yamlCursor';

export type StageFileKey = (typeof STAGE_FILE_KEYS)[number];
export type WaiverKey = (typeof WAIVER_KEYS)[number];

export type HoverSubject =
  | { kind: 'key'; key: StageFileKey; range: [number, number] }
  | { kind: 'waiver-key'; key: WaiverKey; range: [number, number] }
  | { kind: 'concern'; concernId: string; range: [number, number] }
  | { kind: 'stage'; stage: StageId; range: [number, number] };

export function hoverSubject(text: string, offset: number, matrix: Matrix): HoverSubject | undefined {
  const place = scalarAt(text, offset);
  if (!place) return undefined;
  const { path, range, value } = place;
  if (place.role === 'key') {
    if (path.length === 0 && isOneOf(STAGE_FILE_KEYS, value)) return { kind: 'key', key: value, range };
    if (path.length === 2 && path[0] === 'waivers' && typeof path[1] === 'number' && isOneOf(WAIVER_KEYS, value))
      return { kind: 'waiver-key', key: value, range };
    if (path.length === 1 && path[0] === 'concerns' && matrix.concerns.some((concern) => concern.id === value))
      return { kind: 'concern', concernId: value, range };
    return undefined;
  }
  const holdsStage = (path.length === 1 && (path[0] === 'stage' || path[0] === 'next')) || (path.length === 2 && path[0] === 'concerns');
  const stage = holdsStage && place.role === 'value' ? resolveStageName(matrix, value) : undefined;
  return stage ? { kind: 'stage', stage, range } : undefined;
}

export function isStageFileKey(value: string): value is StageFileKey {
  return isOneOf(STAGE_FILE_KEYS, value);
}

export function isWaiverKey(value: string): value is WaiverKey {
  return isOneOf(WAIVER_KEYS, value);
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
