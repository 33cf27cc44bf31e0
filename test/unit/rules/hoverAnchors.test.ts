import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { ANALYZERS } from '../../../src/core/rules/engine/analyzerRegistry';
import { FILE_KINDS, NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import type { FileAnalysis, FileKind, WorkspaceFacts } from '../../../src/core/rules/types';

/**
 * Characterization of the hover anchors: for every file of a kind Stage Guide reads under test/fixtures/ (the
 * rule fixtures, the workspaces, the evidence fixtures) and examples/, the anchors its analysis gives, as the
 * hover shows them: one entry per place and concern, with the rules looking there (sorted) and the notes. The
 * hover (core guidance/fileGuidance.ts `hoverAt`) lists the distinct concerns and the notes of the anchors at
 * the cursor, in their order, so two anchors with the same range and concern show what one with both rules' ids shows.
 * A Dockerfile is read twice: alone, and in a workspace that deploys with Kubernetes (a note changes).
 *
 * When a change moves anchors on purpose, refresh the snapshot with UPDATE_ANCHORS=1 and review the diff.
 */
const ROOT = join(__dirname, '..', '..', '..');
const SNAPSHOT = join(__dirname, 'hoverAnchors.snapshot.json');
const UPDATE = process.env.UPDATE_ANCHORS === '1';
const UNDER_KUBERNETES: WorkspaceFacts = { ...NO_WORKSPACE_FACTS, deploysWithKubernetes: true };

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The files to record and their analyses: a rule fixture by the kind its folder names, any other file by its name and content. */
function analyses(): Array<{ key: string; analysis: FileAnalysis }> {
  const result: Array<{ key: string; analysis: FileAnalysis }> = [];
  for (const path of [...filesUnder('test/fixtures'), ...filesUnder('examples')]) {
    if (path.endsWith('.fixed') || path.endsWith('.md')) continue;
    const [, , folder, kindFolder] = path.split('/');
    const ruleKind = folder === 'rules' ? FILE_KINDS.find((kind) => kind === kindFolder) : undefined;
    if (folder === 'rules' && !ruleKind) continue;
    const text = readFileSync(join(ROOT, path), 'utf8');
    const analyse = (facts: WorkspaceFacts) =>
      ruleKind ? ANALYZERS[ruleKind].analyze(text, facts, `/${path}`) : analyzeFile(`/${path}`, text, facts);
    const alone = analyse(NO_WORKSPACE_FACTS);
    if (!alone) continue;
    result.push({ key: path, analysis: alone });
    if (alone.kind === 'dockerfile') result.push({ key: `${path} (deploys with Kubernetes)`, analysis: analyse(UNDER_KUBERNETES)! });
  }
  return result;
}

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
    for (const { key, analysis } of analyses()) actual[key] = { kind: analysis.kind, anchors: records(analysis) };
    const text = `${JSON.stringify(actual, null, 1)}\n`;
    if (UPDATE) writeFileSync(SNAPSHOT, text);
    const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as typeof actual;
    assert.ok(Object.keys(expected).length > 300, 'the snapshot records the fixtures');
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      assert.deepEqual(actual[key], expected[key], `${key}: its anchors changed; review, then run with UPDATE_ANCHORS=1`);
    }
  });
});
