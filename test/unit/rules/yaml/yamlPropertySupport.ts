import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { FileAnalysis, KindAnalyzer, RawFinding } from '../../../../src/core/rules/types';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';
import type { YamlFile } from '../../../../src/core/rules/yaml/yamlSupport';
import { analyze, applyAllFixes, assertEditsDisjoint, rangeOutside, readFixture, REPO_ROOT } from './ruleTestSupport';

/** Every fixture text of a kind (inputs for mutation). */
export function fixtureTexts(kind: string): string[] {
  return readdirSync(resolve(REPO_ROOT, 'test', 'fixtures', 'rules', kind))
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => readFixture(kind, name));
}

/** Characters that matter to YAML and to the rules' value checks. */
const NOISE = [
  ' ',
  '  ',
  '\n',
  ':',
  ': ',
  '- ',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  "'",
  '"',
  '|',
  '>',
  '&a',
  '*a',
  '!!str ',
  '? ',
  '${{ ',
  ' }}',
  '\t',
  '\r\n',
  'x',
  '@',
  '---\n',
];

type Mutation = (text: string) => string;

/** One random edit of a text: delete, insert YAML noise, duplicate or drop a line, re-indent a line. */
export function mutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, length]) => (text: string) => {
      const start = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, start) + text.slice(start + length);
    }),
    fc.tuple(fc.nat(), fc.array(fc.constantFrom(...NOISE), { minLength: 1, maxLength: 4 })).map(([at, pieces]) => (text: string) => {
      const start = text.length === 0 ? 0 : at % (text.length + 1);
      return text.slice(0, start) + pieces.join('') + text.slice(start);
    }),
    fc.tuple(fc.nat(), fc.boolean()).map(([at, duplicate]) => (text: string) => {
      const lines = text.split('\n');
      const index = at % lines.length;
      if (duplicate) lines.splice(index, 0, lines[index]);
      else lines.splice(index, 1);
      return lines.join('\n');
    }),
    fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]) => (text: string) => {
      const lines = text.split('\n');
      const index = at % lines.length;
      lines[index] = shift >= 0 ? ' '.repeat(shift) + lines[index] : lines[index].replace(new RegExp(`^ {0,${-shift}}`), '');
      return lines.join('\n');
    }),
  );
}

/** A fixture text with 1–4 random mutations applied. */
export function mutatedText(kind: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...fixtureTexts(kind)), fc.array(mutation(), { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) => edits.reduce((current, edit) => edit(current), text));
}

/** Every range the analysis reports (findings, fix edits, anchors, parse problems) lies inside `text`. */
export function assertRangesInside(text: string, analysis: FileAnalysis): void {
  const ranges = [
    ...analysis.findings.flatMap((finding) => [finding.range, ...(finding.fix?.edits.map((edit) => edit.range) ?? [])]),
    ...analysis.anchors.map((anchor) => anchor.range),
    ...analysis.parseProblems.map((problem) => problem.range),
  ];
  for (const range of ranges) assert.equal(rangeOutside(text, range), undefined, `range ${JSON.stringify(range)} in:\n${text}`);
  for (const finding of analysis.findings) if (finding.fix) assertEditsDisjoint(finding.fix, `${finding.ruleId} in:\n${text}`);
}

/**
 * The properties every YAML kind must hold on any input: analysis never throws
 * (nor does any detector, called unguarded), every range lies inside the
 * document, and on a file that parses, fix-all keeps it parsing and is idempotent.
 */
export function checkRobustness<Model>(
  analyzer: KindAnalyzer,
  text: string,
  readModel: (file: YamlFile) => Model | undefined,
  detectors: Readonly<Record<string, (model: Model) => RawFinding[]>>,
): void {
  const analysis = analyze(analyzer, text);
  assertRangesInside(text, analysis);
  const model = readModel(parseYamlFile(text));
  if (model !== undefined) for (const detect of Object.values(detectors)) detect(model);
  if (analysis.parseProblems.length > 0) return;
  // Fixes that overlap are deferred to another pass; a few passes must reach a file with nothing left to fix.
  let current = text;
  let findings = analysis.findings;
  for (let pass = 1; findings.some((finding) => finding.fix); pass++) {
    assert.ok(pass <= MAX_FIX_PASSES, `fix-all did not settle within ${MAX_FIX_PASSES} passes on:\n${text}\n---- now ----\n${current}`);
    const next = applyAllFixes(current, findings);
    assert.deepEqual(parseYamlFile(next).parseProblems, [], `fix-all broke the file:\n${current}\n---- became ----\n${next}`);
    assert.notEqual(next, current, `fixes were offered but changed nothing:\n${current}`);
    current = next;
    findings = analyze(analyzer, current).findings;
  }
}

/** Fix-all passes allowed: one, plus one per level of fixes that can overlap (a removal and an insertion in the same `env:`). */
const MAX_FIX_PASSES = 3;
