import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { applyTextEdits, PositionMapper } from '../../../../src/core/text';
import type { Range } from '../../../../src/core/text';
import { collectFixAll, overlaps } from '../../../../src/core/rules/engine/fixAll';
import type { StagedFinding } from '../../../../src/core/rules/engine/evaluate';
import type { FileAnalysis, KindAnalyzer, RawFinding, RuleFix } from '../../../../src/core/rules/types';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

/**
 * Shared checks for YAML rule kinds: fixtures, finding expectations, and the
 * properties every quick fix must have (applies cleanly, removes its finding,
 * keeps the file valid, touches nothing else, and is idempotent).
 */

export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export function readFixture(kind: string, name: string): string {
  return readFileSync(resolve(REPO_ROOT, 'test', 'fixtures', 'rules', kind, name), 'utf8');
}

export function analyze(analyzer: KindAnalyzer, text: string): FileAnalysis {
  return analyzer.analyze(text, NO_WORKSPACE_FACTS);
}

export function findingsOf(analysis: FileAnalysis, ruleId: string): RawFinding[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId);
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const mapper = new PositionMapper(text);
  return text.slice(mapper.offset(range.start), mapper.offset(range.end));
}

/** A finding as [1-based line, covered text]: what fixture expectations are written in. */
export function located(text: string, finding: RawFinding): [number, string] {
  return [finding.range.start.line + 1, textAt(text, finding.range)];
}

export function assertParses(text: string, context: string): void {
  const problems = parseYamlFile(text).parseProblems;
  assert.deepEqual(problems, [], `${context}: the result does not parse:\n${text}`);
}

/** Why a range does not lie inside `text`, or undefined. */
export function rangeOutside(text: string, range: Range): string | undefined {
  const lines = text.split('\n');
  const inside = (p: Range['start']) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length;
  if (!inside(range.start)) return `start ${JSON.stringify(range.start)} outside the document`;
  if (!inside(range.end)) return `end ${JSON.stringify(range.end)} outside the document`;
  const ordered =
    range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ordered ? undefined : `start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`;
}

/**
 * Fix-all exactly as the editor and CLI do it (the engine's `collectFixAll`):
 * each fix whole or not at all, a fix overlapping one already taken deferred to
 * the next pass, insertions at one point merged in finding order.
 */
export function applyAllFixes(text: string, findings: readonly RawFinding[]): string {
  const staged = findings.map((finding) => ({ finding, severity: 'warning' }) as unknown as StagedFinding);
  return applyTextEdits(text, collectFixAll(staged).edits);
}

/** A fix whose own edits overlap can be applied neither by fix-all (it defers such a fix) nor by the editor. */
export function assertEditsDisjoint(fix: RuleFix, context: string): void {
  fix.edits.forEach((edit, i) =>
    fix.edits.forEach((other, j) =>
      assert.ok(i === j || !overlaps(edit, other), `${context}: edits ${i} and ${j} of "${fix.title}" overlap`),
    ),
  );
}

/** Key paths (`['jobs', 'build', 'timeout-minutes']`) where two plain values differ, as shallow as possible. */
export function changedPaths(before: unknown, after: unknown, path: string[] = []): string[][] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  if (!isRecord(before) || !isRecord(after) || Array.isArray(before) !== Array.isArray(after)) return [path];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
}

/** Pattern `jobs.*.timeout-minutes` matches path `['jobs', 'build', 'timeout-minutes']` (keys may contain dots: `.template`). */
export function pathMatches(path: readonly string[], pattern: string): boolean {
  const wanted = pattern.split('.');
  return path.length === wanted.length && wanted.every((part, index) => part === '*' || part === path[index]);
}

/** Lines that hold a comment (`#` after whitespace or at the start), trimmed: a fix must keep them all. */
function commentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'));
}

export interface FixExpectation {
  analyzer: KindAnalyzer;
  text: string;
  ruleId: string;
  /** Data paths the rule's fixes may change (wildcards allowed); everything else must stay equal. */
  allowedPaths: readonly string[];
}

/**
 * Applies each fix of `ruleId` on its own and checks: the result parses; the
 * findings carrying that fix are gone; only allowed data paths changed; every
 * comment line survived; applying the same fix to the result is impossible
 * (the finding is gone) and re-analysis offers no conflicting fix. Returns how
 * many distinct fixes were checked.
 */
export function checkEachFix({ analyzer, text, ruleId, allowedPaths }: FixExpectation): number {
  const findings = findingsOf(analyze(analyzer, text), ruleId);
  const fixes = new Map<string, RuleFix>();
  for (const finding of findings) if (finding.fix) fixes.set(JSON.stringify(finding.fix.edits), finding.fix);
  for (const [key, fix] of fixes) {
    const context = `${ruleId} fix "${fix.title}"`;
    for (const edit of fix.edits) assert.equal(rangeOutside(text, edit.range), undefined, `${context}: edit range outside the document`);
    assertEditsDisjoint(fix, context);
    const fixed = applyTextEdits(text, fix.edits);
    assertParses(fixed, context);
    const carrying = findings.filter((finding) => JSON.stringify(finding.fix?.edits) === key).length;
    const after = findingsOf(analyze(analyzer, fixed), ruleId);
    assert.equal(after.length, findings.length - carrying, `${context}: expected its ${carrying} finding(s) to be gone`);
    const changed = changedPaths(parse(text), parse(fixed));
    assert.ok(changed.length > 0, `${context}: changed no data`);
    for (const path of changed) {
      assert.ok(
        allowedPaths.some((pattern) => pathMatches(path, pattern)),
        `${context}: changed ${path.join(' › ')}, outside ${allowedPaths.join(', ')}`,
      );
    }
    const keptComments = commentLines(fixed);
    for (const comment of commentLines(text)) assert.ok(keptComments.includes(comment), `${context}: lost comment ${comment}`);
  }
  return fixes.size;
}

/**
 * Applies every fix of every rule, twice: the second round must change nothing
 * (no fix was deferred for overlapping another), and the result must parse.
 */
export function checkFixAllIsIdempotent(analyzer: KindAnalyzer, text: string): string {
  const once = applyAllFixes(text, analyze(analyzer, text).findings);
  assertParses(once, 'fix-all');
  const twice = applyAllFixes(once, analyze(analyzer, once).findings);
  assert.equal(twice, once, 'applying all fixes a second time changed the file');
  return once;
}

/** Applies every fix of one rule (for golden-file comparison). */
export function applyRuleFixes(analyzer: KindAnalyzer, text: string, ruleId: string): string {
  return applyAllFixes(text, findingsOf(analyze(analyzer, text), ruleId));
}
