import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileAnalysis, FileKind } from '../../../src/core/rules/types';
import { fixtureAnalyses } from './fixtureAnalyses';

/**
 * Characterization of the hover anchors: for every file of a kind Stage Guide reads under test/fixtures/ (the
 * rule fixtures, the workspaces, the evidence fixtures) and examples/ (./fixtureAnalyses.ts), the anchors its
 * analysis gives, as the hover shows them: one entry per place and concern, with the rules looking there (sorted) and the notes. The
 * hover (core guidance/fileGuidance.ts `hoverAt`) lists the distinct concerns and the notes of the anchors at
 * the cursor, in their order, so two anchors with the same range and concern show what one with both rules' ids shows.
 *
 * When a change moves anchors on purpose, refresh the snapshot with UPDATE_ANCHORS=1 and review the diff.
 */
const SNAPSHOT = join(__dirname, 'hoverAnchors.snapshot.json');
const UPDATE = process.env.UPDATE_ANCHORS === '1';

/** One line per range and concern, in document order (at one range, the anchors' order): `line:column-line:column concern [rule ids] notes`. */
function records(analysis: FileAnalysis): string[] {
  const byPlace = new Map<string, { range: string; concern: string; ruleIds: Set<string>; notes: Set<string> }>();
  for (const anchor of analysis.anchors) {
    const { start, end } = anchor.range;
    const range = `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
    const key = `${range} ${anchor.concern}`;
    let place = byPlace.get(key);
    if (!place) {
      place = { range, concern: anchor.concern, ruleIds: new Set(), notes: new Set() };
      byPlace.set(key, place);
    }
    for (const id of anchor.ruleIds) place.ruleIds.add(id);
    if (anchor.note) place.notes.add(anchor.note);
  }
  const position = (range: string) => range.split(/[-:]/).map(Number);
  // Sorted by place only: at one place the hover lists the concerns in the order of the anchors.
  return [...byPlace.values()]
    .sort((a, b) => {
      const [pa, pb] = [position(a.range), position(b.range)];
      const index = pa.findIndex((value, i) => value !== pb[i]);
      return index >= 0 ? pa[index] - pb[index] : 0;
    })
    .map((place) => [place.range, place.concern, `[${[...place.ruleIds].sort().join(' ')}]`, ...[...place.notes].sort()].join(' '));
}

describe('hover anchors (characterization of every fixture)', () => {
  it('match the committed snapshot', function () {
    this.timeout(120_000);
    const actual: Record<string, { kind: FileKind; anchors: string[] }> = {};
    for (const { key, analysis } of fixtureAnalyses()) actual[key] = { kind: analysis.kind, anchors: records(analysis) };
    const text = `${JSON.stringify(actual, null, 1)}\n`;
    if (UPDATE) writeFileSync(SNAPSHOT, text);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as typeof actual;
    assert.ok(Object.keys(expected).length > 300, 'the snapshot records the fixtures');
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      assert.deepEqual(actual[key], expected[key], `${key}: its anchors changed; review, then run with UPDATE_ANCHORS=1`);
    }
  });
});
