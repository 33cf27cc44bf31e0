import { analyzeFile } from '../rules/engine/analyzeFile';
import { collectFixAll } from '../rules/engine/fixAll';
import type { RuleCatalog } from '../rules/engine/ruleCatalog';
import type { WorkspaceFacts } from '../rules/types';
import { applyTextEdits, PositionMapper } from '../text';
import type { TextEdit } from '../text';
import type { Governing } from '../workspace/stageResolution';
import { stageAnalysis } from './fileGuidance';

/** Fixes that create the same key are deferred to a later pass; real files settle in two or three. */
const MAX_PASSES = 5;

export interface FixAllOutcome {
  /** One edit from the original text to the fixed one (empty when nothing changes). */
  edits: TextEdit[];
  /** How many findings were fixed, over all passes. */
  fixedCount: number;
}

/**
 * Every reported finding's fix, applied pass after pass (a fix deferred
 * because it overlapped another is taken in the next pass, on the re-analysed
 * text), returned as a single edit covering only the changed region: one
 * undo step, and everything outside the region untouched.
 */
export function fixAllPasses(
  path: string,
  text: string,
  governing: Governing,
  facts: WorkspaceFacts,
  catalog: RuleCatalog,
  today: string,
): FixAllOutcome {
  let current = text;
  let fixedCount = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const analysis = analyzeFile(path, current, facts);
    if (!analysis) break;
    const { edits, fixed } = collectFixAll(stageAnalysis(analysis, governing, catalog, path, today).staged);
    if (edits.length === 0) break;
    const next = applyTextEdits(current, edits);
    if (next === current) break;
    current = next;
    fixedCount += fixed.length;
  }
  return { edits: current === text ? [] : [changedRegionEdit(text, current)], fixedCount };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function changedRegionEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const mapper = new PositionMapper(before);
  return { range: mapper.range(start, endBefore), newText: after.slice(start, endAfter) };
}
