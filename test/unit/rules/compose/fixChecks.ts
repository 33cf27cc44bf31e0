import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applyTextEdits, PositionMapper } from '../../../../src/core/text';
import type { TextEdit } from '../../../../src/core/text';
import type { RawFinding, RuleFix } from '../../../../src/core/rules/types';

/**
 * Shared checks for compose and Kubernetes quick fixes: a fix must remove its
 * finding, keep the file valid YAML without duplicate keys, change nothing
 * outside the paths it is meant to touch, keep every comment, and fix-all must
 * reach a fixed point (applying it again changes nothing).
 */

export type Analyze = (text: string) => { findings: RawFinding[] };

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'rules');

export function fixture(kind: 'compose' | 'kubernetes', name: string): string {
  return readFileSync(join(FIXTURES, kind, name), 'utf8');
}

/** Every document as plain data; fails on YAML errors and duplicate keys. */
export function documentsOf(text: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list)
    assert.deepEqual(
      doc.errors.map((e) => e.message),
      [],
      `YAML errors in:\n${text}`,
    );
  return list.map((doc) => doc.toJS({ maxAliasCount: -1 }));
}

/** Paths (joined with "/") where two plain values differ, down to the first differing node. */
export function changedPaths(before: unknown, after: unknown, path: string[] = []): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => changedPaths(item, after[index], [...path, String(index)]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path.join('/')];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Comment texts of a file (as the YAML lexer sees them: `#` after whitespace). */
export function commentsOf(text: string): string[] {
  return (
    text
      .split(/\r?\n/)
      .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1]?.trim())
      // The rule tester's `# expect:` markers are test metadata: a fix may drop one with the line it marks.
      .filter((comment): comment is string => comment !== undefined && !/^#\s*expect:/.test(comment))
  );
}

/**
 * The last text each check analysed or parsed, and what came out. The property suites call
 * assertFixWorks once per finding of the same generated file, and fix-all ends on the text it
 * analyses again next: the same text would be analysed and parsed again, more than half of those
 * suites' time. Both are pure functions of the text (the analyser has no state), so the answer is
 * the same either way; the fixed texts, which differ each time, are always analysed afresh.
 */
let lastAnalysis: { analyze: Analyze; text: string; findings: readonly RawFinding[] } | undefined;
let lastDocuments: { text: string; documents: unknown[] } | undefined;

function findingsOf(analyze: Analyze, text: string): readonly RawFinding[] {
  if (lastAnalysis?.analyze !== analyze || lastAnalysis.text !== text) lastAnalysis = { analyze, text, findings: analyze(text).findings };
  return lastAnalysis.findings;
}

/** documentsOf for a text the check only reads (compares), never changes. */
function documentsRead(text: string): unknown[] {
  if (lastDocuments?.text !== text) lastDocuments = { text, documents: documentsOf(text) };
  return lastDocuments.documents;
}

export interface FixExpectation {
  /** Path prefixes (e.g. "services/api/healthcheck", "0/spec/replicas") the fix may change; nothing else may differ. */
  changes: string[];
  /** Documents appended by the fix (a new `---` PodDisruptionBudget). */
  addsDocuments?: number;
}

/** Applies one finding's fix and checks everything a quick fix promises. Returns the fixed text. */
export function assertFixWorks(analyze: Analyze, text: string, finding: RawFinding, expectation: FixExpectation): string {
  const fix = finding.fix;
  assert.ok(fix, `${finding.ruleId} has no fix: ${finding.message}`);
  assertEditsInside(text, fix.edits);
  const fixed = applyTextEdits(text, fix.edits);
  assert.notEqual(fixed, text, 'the fix changes nothing');
  const before = documentsRead(text);
  const after = documentsOf(fixed);
  assert.equal(after.length, before.length + (expectation.addsDocuments ?? 0), 'unexpected number of documents');
  for (const path of changedPaths(before, after.slice(0, before.length))) {
    assert.ok(
      expectation.changes.some((prefix) => path === prefix || path.startsWith(prefix + '/')),
      `${finding.ruleId} changed ${path}, outside ${expectation.changes.join(', ')}\n${fixed}`,
    );
  }
  for (const comment of commentsOf(text)) assert.ok(fixed.includes(comment), `comment lost: ${comment}`);
  // Identical findings (two equal port entries) share a message: the fix must leave fewer of them. A finding
  // with steps (a threshold per stage) is the same when one of its steps says the same.
  const same = (f: RawFinding) =>
    f.ruleId === finding.ruleId && [f.message, ...(f.steps ?? []).map((step) => step.message)].includes(finding.message);
  const sameBefore = findingsOf(analyze, text).filter(same).length;
  const sameAfter = analyze(fixed).findings.filter(same).length;
  assert.ok(sameAfter < sameBefore, `${finding.ruleId} still reported after its fix:\n${fixed}`);
  return fixed;
}

export function assertEditsInside(text: string, edits: readonly TextEdit[]): void {
  const mapper = new PositionMapper(text);
  for (const edit of edits) {
    const start = mapper.offset(edit.range.start);
    const end = mapper.offset(edit.range.end);
    assert.ok(start <= end && end <= text.length, 'edit range outside the document');
    assert.deepEqual(mapper.position(start), edit.range.start, 'edit start is not a real position');
    assert.deepEqual(mapper.position(end), edit.range.end, 'edit end is not a real position');
  }
}

/**
 * Fix-all as an editor does it: apply every fix whose edits do not overlap an
 * edit already taken (identical fixes count once), re-analyse, repeat until no
 * fix applies. Returns the text and how many passes it took.
 */
export function fixAll(analyze: Analyze, text: string, maxPasses = 10): { text: string; passes: number } {
  let current = text;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const fixes = findingsOf(analyze, current)
      .map((f) => f.fix)
      .filter((fix): fix is RuleFix => fix !== undefined);
    const chosen = chooseCompatible(current, fixes);
    if (chosen.length === 0) return { text: current, passes: pass - 1 };
    current = applyTextEdits(current, chosen);
  }
  assert.fail(`fix-all did not settle in ${maxPasses} passes`);
}

function chooseCompatible(text: string, fixes: readonly RuleFix[]): TextEdit[] {
  const mapper = new PositionMapper(text);
  const taken: Array<{ start: number; end: number; newText: string }> = [];
  const chosen: TextEdit[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.map((edit) => ({
      start: mapper.offset(edit.range.start),
      end: mapper.offset(edit.range.end),
      newText: edit.newText,
    }));
    if (spans.every((span) => taken.some((t) => t.start === span.start && t.end === span.end && t.newText === span.newText))) continue;
    if (spans.some((span) => taken.some((t) => span.start < t.end && t.start < span.end))) continue;
    taken.push(...spans);
    chosen.push(...fix.edits);
  }
  return chosen;
}

/** Fix-all reaches a fixed point: valid YAML, no fixable finding left, and a second run changes nothing. */
export function assertFixAllSettles(analyze: Analyze, text: string): string {
  const { text: fixed } = fixAll(analyze, text);
  documentsOf(fixed);
  assert.deepEqual(
    findingsOf(analyze, fixed)
      .filter((f) => f.fix)
      .map((f) => `${f.ruleId}: ${f.message}`),
    [],
    `fixable findings left after fix-all:\n${fixed}`,
  );
  assert.equal(fixAll(analyze, fixed).text, fixed, 'a second fix-all changed the file');
  for (const comment of commentsOf(text)) assert.ok(fixed.includes(comment), `comment lost in fix-all: ${comment}`);
  return fixed;
}

/** Findings of one rule, as "line:character" of their range starts (one-based line), for compact assertions. */
export function positionsOf(findings: readonly RawFinding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.start.line + 1}:${f.range.start.character}`);
}

/** Every range lies inside the document and is well ordered. */
export function assertRangesInside(
  text: string,
  ranges: ReadonlyArray<{ start: { line: number; character: number }; end: { line: number; character: number } }>,
): void {
  const lines = text.split('\n');
  for (const range of ranges) {
    for (const position of [range.start, range.end]) {
      assert.ok(position.line >= 0 && position.line < lines.length, `line ${position.line} outside 0..${lines.length - 1}`);
      assert.ok(
        position.character >= 0 && position.character <= lines[position.line].length,
        `character ${position.character} outside line ${position.line}`,
      );
    }
    const ordered =
      range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(ordered, 'range end before start');
  }
}
