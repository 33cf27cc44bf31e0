import type { EvidenceItem, SignalResult } from './evaluateSignals';

/**
 * The signals of a scope whose facts are its last scan's but for the lines of some files (collectFacts' `linesMoved`):
 * the last scan's results, with those files' evidence at its new lines. Signals decide by what the facts record, never
 * by a line number, and list their evidence sorted by path and line, deduplicated by place: a one-to-one move that
 * keeps the order of each file's lines keeps both. Undefined when an item of a moved file is at a line the move does
 * not know (a line counted into a script's text rather than recorded): the signals are then evaluated again.
 */
export function signalsWithLinesMoved(
  signals: readonly SignalResult[],
  moved: ReadonlyMap<string, ReadonlyMap<number, number>>,
): SignalResult[] | undefined {
  const results: SignalResult[] = [];
  for (const signal of signals) {
    const evidence = itemsMoved(signal.evidence, moved);
    const counterEvidence = itemsMoved(signal.counterEvidence, moved);
    if (!evidence || !counterEvidence) return undefined;
    results.push(
      evidence === signal.evidence && counterEvidence === signal.counterEvidence ? signal : { ...signal, evidence, counterEvidence },
    );
  }
  return results;
}

/** The items at their new lines (the same array when none is in a moved file); undefined for a line the move does not know. */
function itemsMoved(items: EvidenceItem[], moved: ReadonlyMap<string, ReadonlyMap<number, number>>): EvidenceItem[] | undefined {
  if (!items.some((item) => moved.has(item.path) && item.line !== undefined)) return items;
  const result: EvidenceItem[] = [];
  for (const item of items) {
    const moves = moved.get(item.path);
    if (!moves || item.line === undefined) {
      result.push(item);
      continue;
    }
    const line = moves.get(item.line);
    if (line === undefined) return undefined;
    result.push({ ...item, line });
  }
  return result;
}
