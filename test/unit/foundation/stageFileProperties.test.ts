import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { extendMatrix } from '../../../src/core/matrix/teamMatrix';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import { STAGE_FILE_PROBLEMS } from '../../../src/core/stageFile/problemCodes';
import type { Position, Range } from '../../../src/core/text';
import { REPO_ROOT } from './seedTable';
import { binaryString } from '../support/binaryStringUnit';

const RICH_STAGE_FILE = readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files/rich.stage.yml'), 'utf8');
const TEAM_MATRIX = readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files/team-matrix.yml'), 'utf8');
const KNOWN_RULES = new Set(['ci.run-tests', 'docker.pin-base-image']);
/** Runs per property; FAST_CHECK_RUNS=20000 for a deeper local search. */
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 400);

/** Why a range does not lie inside `text` (lines split on "\n", like yaml's LineCounter), or undefined. */
function rangeOutside(text: string, range: Range): string | undefined {
  const lines = text.split('\n');
  const inside = (position: Position) =>
    Number.isInteger(position.line) &&
    Number.isInteger(position.character) &&
    position.line >= 0 &&
    position.line < lines.length &&
    position.character >= 0 &&
    position.character <= lines[position.line].length;
  if (!inside(range.start)) return `start ${JSON.stringify(range.start)} outside ${lines.length} line(s)`;
  if (!inside(range.end)) return `end ${JSON.stringify(range.end)} outside ${lines.length} line(s)`;
  const ordered =
    range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ordered ? undefined : `start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`;
}

function checkStageFile(text: string): void {
  const result = parseStageFile(text, { matrix: builtinMatrix(), today: '2025-06-01', knownRuleIds: KNOWN_RULES });
  for (const problem of result.problems) {
    assert.ok(problem.code in STAGE_FILE_PROBLEMS, `unknown code ${problem.code}`);
    const outside = rangeOutside(text, problem.range);
    assert.equal(outside, undefined, `${problem.code}: ${outside}`);
  }
  for (const waiver of result.config.waivers) assert.equal(rangeOutside(text, waiver.range), undefined, 'waiver range');
}

function checkTeamMatrix(text: string): void {
  const base = builtinMatrix();
  const result = extendMatrix(base, text);
  assert.ok(result.matrix.concerns.length >= base.concerns.length, 'the built-in concerns survive');
  for (const problem of result.problems) {
    assert.ok(problem.code in STAGE_FILE_PROBLEMS, `unknown code ${problem.code}`);
    const outside = rangeOutside(text, problem.range);
    assert.equal(outside, undefined, `${problem.code}: ${outside}`);
  }
}

/** Characters and words that steer arbitrary text into YAML's interesting corners. */
const yamlish = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ':',
      '-',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\r',
      '\t',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '#',
      '&a',
      '*a',
      '!',
      '!!str',
      '|',
      '>',
      '?',
      '%YAML 1.2',
      '---',
      '...',
      '@',
      '`',
      '\\',
      '\u00a0',
      '\ufeff',
      '😀',
    ),
    fc.constantFrom(
      'stage',
      'next',
      'name',
      'concerns',
      'rules',
      'ignore',
      'waivers',
      'matrix',
      'rule',
      'paths',
      'reason',
      'until',
      'id',
      'cells',
      'text',
      'practices',
    ),
    fc.constantFrom(
      'mvp',
      'prod',
      'prodution',
      'security',
      'ci.run-tests',
      'error',
      'loud',
      '2025-02-30',
      '2024-01-01',
      '/abs',
      '../up',
      '**',
    ),
  ),
  maxLength: 60,
});

type Mutation =
  | { kind: 'insert-char'; at: number; text: string }
  | { kind: 'delete-char'; at: number }
  | { kind: 'replace-char'; at: number; text: string }
  | { kind: 'insert-line'; line: number; text: string }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert-char' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom(':', '-', ' ', '\n', '\t', '"', "'", '[', ']', '{', '}', '#', '?', '&x', '*x'),
    ),
  }),
  fc.record({ kind: fc.constant('delete-char' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace-char' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 1, minLength: 1 }), fc.constantFrom(':', ' ', '\n', '\t', '"', '[', '-')),
  }),
  fc.record({
    kind: fc.constant('insert-line' as const),
    line: fc.nat(),
    text: fc.oneof(yamlish, fc.constantFrom('stage: mvp', '  - rule: x', 'waivers:', '---', '  security: [prod', 'ignore: {a: b}')),
  }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let current = text;
  for (const step of mutations) {
    const lines = current.split('\n');
    switch (step.kind) {
      case 'insert-char': {
        const at = step.at % (current.length + 1);
        current = current.slice(0, at) + step.text + current.slice(at);
        break;
      }
      case 'delete-char': {
        if (current.length === 0) break;
        const at = step.at % current.length;
        current = current.slice(0, at) + current.slice(at + 1);
        break;
      }
      case 'replace-char': {
        if (current.length === 0) break;
        const at = step.at % current.length;
        current = current.slice(0, at) + step.text + current.slice(at + 1);
        break;
      }
      case 'insert-line':
        lines.splice(step.line % (lines.length + 1), 0, step.text);
        current = lines.join('\n');
        break;
      case 'delete-line':
        lines.splice(step.line % lines.length, 1);
        current = lines.join('\n');
        break;
      case 'duplicate-line': {
        const index = step.line % lines.length;
        lines.splice(index, 0, lines[index]);
        current = lines.join('\n');
        break;
      }
    }
  }
  return current;
}

describe('foundation: properties of the .stage.yml parser and team-matrix merge (fast-check)', function () {
  this.timeout(Math.max(20000, RUNS * 5));

  it('the range check itself rejects ranges outside the document', () => {
    // Guards the property below against a check that cannot fail.
    const text = 'stage: mvp\nnext: x\n';
    assert.equal(rangeOutside(text, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }), undefined);
    assert.notEqual(rangeOutside(text, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }), undefined);
    assert.notEqual(rangeOutside(text, { start: { line: 1, character: 8 }, end: { line: 1, character: 8 } }), undefined);
    assert.notEqual(rangeOutside(text, { start: { line: 1, character: 3 }, end: { line: 1, character: 2 } }), undefined);
    assert.notEqual(rangeOutside(text, { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }), undefined);
  });

  it('the mutator really changes the valid files', () => {
    assert.notEqual(mutate(RICH_STAGE_FILE, [{ kind: 'delete-line', line: 2 }]), RICH_STAGE_FILE);
    assert.equal(mutate('a\nb', [{ kind: 'duplicate-line', line: 1 }]), 'a\nb\nb');
    assert.equal(mutate('ab', [{ kind: 'replace-char', at: 3, text: 'x' }]), 'ax');
  });

  it("counterexamples found earlier stay fixed (yaml's LineCounter missed line breaks after errors)", () => {
    const richWithEmojiLine = RICH_STAGE_FILE.split('\n');
    richWithEmojiLine.splice(1, 0, '😀');
    for (const text of ['**\nstage\r\n"', richWithEmojiLine.join('\n').slice(1), '# x\n😀\nname: a\n']) {
      checkStageFile(text);
      checkTeamMatrix(text);
    }
  });

  it('arbitrary text never makes parseStageFile throw, and every range is inside the text', () => {
    fc.assert(fc.property(binaryString({ maxLength: 200 }), checkStageFile), { numRuns: RUNS });
    fc.assert(fc.property(yamlish, checkStageFile), { numRuns: RUNS });
  });

  it('mutated valid .stage.yml files never make parseStageFile throw, and every range is inside the text', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => checkStageFile(mutate(RICH_STAGE_FILE, mutations))),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text never makes extendMatrix throw, and every range is inside the text', () => {
    fc.assert(fc.property(binaryString({ maxLength: 200 }), checkTeamMatrix), { numRuns: RUNS });
    fc.assert(fc.property(yamlish, checkTeamMatrix), { numRuns: RUNS });
  });

  it('mutated valid team matrices never make extendMatrix throw, and every range is inside the text', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => checkTeamMatrix(mutate(TEAM_MATRIX, mutations))),
      { numRuns: RUNS },
    );
  });

  it('the unmutated fixtures are valid (so mutations start from a rich, clean file)', () => {
    const stageFile = parseStageFile(RICH_STAGE_FILE, { matrix: builtinMatrix(), today: '2025-06-01', knownRuleIds: KNOWN_RULES });
    assert.deepEqual(stageFile.problems, []);
    assert.deepEqual(extendMatrix(builtinMatrix(), TEAM_MATRIX).problems, []);
  });
});
