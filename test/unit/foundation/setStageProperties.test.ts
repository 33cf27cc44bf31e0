import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse } from 'yaml';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { STAGE_IDS } from '../../../src/core/stages';
import type { StageId } from '../../../src/core/stages';
import { checkedSetStageEdits, checkEdits } from '../../../src/core/stageFile/editCheck';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import { applyTextEdits, PositionMapper } from '../../../src/core/text';

/** Runs per property; FAST_CHECK_RUNS=20000 for a deeper local search. */
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 400);

/** Every way a valid `.stage.yml` may write its stage (or leave it out). */
const STAGE_STYLES = [
  'plain',
  'single',
  'double',
  'literal',
  'folded',
  'literal-keep',
  'commented',
  'tagged',
  'empty',
  'null',
  'missing',
] as const;
type StageStyle = (typeof STAGE_STYLES)[number];

function stageEntry(style: StageStyle, stage: string, eol: string): string {
  switch (style) {
    case 'plain':
      return `stage: ${stage}${eol}`;
    case 'single':
      return `stage: '${stage}'${eol}`;
    case 'double':
      return `stage: "${stage}"${eol}`;
    case 'literal':
      return `stage: |${eol}  ${stage}${eol}`;
    case 'folded':
      return `stage: >-${eol}  ${stage}${eol}`;
    case 'literal-keep':
      return `stage: |+${eol}  ${stage}${eol}${eol}`;
    case 'commented':
      return `stage: ${stage}   # bump when we launch${eol}`;
    case 'tagged':
      return `stage: !!str ${stage}${eol}`;
    case 'empty':
      return `stage:${eol}`;
    case 'null':
      return `stage: ~${eol}`;
    case 'missing':
      return '';
  }
}

/** The other top-level entries a team writes, each a block of whole lines. */
const OTHER_ENTRIES = [
  (eol: string) => `name: "Orders: checkout & payments"${eol}`,
  (eol: string) => `name: orders${eol}`,
  (eol: string) => `next: scale${eol}`,
  (eol: string) => `concerns:${eol}  security: production   # audited${eol}  testing: mvp${eol}`,
  (eol: string) => `concerns: { security: production }${eol}`,
  (eol: string) => `rules:${eol}  ci.run-tests: error${eol}`,
  (eol: string) => `ignore:${eol}  - "vendor/**"${eol}  - legacy/${eol}`,
  (eol: string) =>
    `waivers:${eol}  - rule: ci.run-tests${eol}    paths: ["a.yml"]${eol}    reason: "later"${eol}    until: 2031-01-01${eol}`,
  (eol: string) => `# a comment line the team wrote${eol}`,
  (eol: string) => `${eol}`,
];

const validStageFile = fc
  .record({
    style: fc.constantFrom(...STAGE_STYLES),
    stage: fc.constantFrom<string>(...STAGE_IDS, 'prod', 'poc'),
    others: fc.array(fc.nat(OTHER_ENTRIES.length - 1), { maxLength: 6 }),
    at: fc.nat(),
    eol: fc.constantFrom('\n', '\r\n'),
    header: fc.constantFrom('', '# Stage Guide\n', '---\n'),
    finalNewline: fc.boolean(),
  })
  .map(({ style, stage, others, at, eol, header, finalNewline }) => {
    // Each key at most once (a valid file), the stage entry anywhere among them.
    const seen = new Set<string>();
    const blocks = others
      .map((index) => OTHER_ENTRIES[index](eol))
      .filter((block) => {
        const key = /^([a-z]+):/.exec(block)?.[1];
        if (!key) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    // A valid file is a map: without a stage entry, it has at least one other key.
    if (style === 'missing' && seen.size === 0) blocks.push(`name: orders${eol}`);
    blocks.splice(at % (blocks.length + 1), 0, stageEntry(style, stage, eol));
    let text = header.replace(/\n/g, eol) + blocks.join('');
    // Without a final newline only when the last line is a plain `key: value` one (a block scalar's break is its content).
    if (!finalNewline && text.endsWith(eol) && !/[|>][-+]?\r?\n[^\n]*\r?\n$/.test(text) && !text.endsWith(`${eol}${eol}`))
      text = text.slice(0, -eol.length);
    return text;
  });

/** The top-level data of a text without `stage` (what the edit must not change). */
function withoutStage(text: string): unknown {
  const data = parse(text) as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return {};
  const { stage: _stage, ...rest } = data;
  return rest;
}

function checkSet(text: string, stage: StageId): void {
  const checked = checkedSetStageEdits(text, stage);
  assert.ok(
    !('refused' in checked),
    `a valid file is never refused: ${'refused' in checked ? checked.refused : ''}\n${JSON.stringify(text)}`,
  );
  const after = applyTextEdits(text, checked.edits);
  assert.equal(checked.text, after);
  assert.ok(checked.edits.length <= 1, 'one edit at most');
  if (checked.edits.length === 1) {
    // Every other byte is kept: the text before and after the one replaced range is untouched.
    const edit = checked.edits[0];
    const mapper = new PositionMapper(text);
    const start = mapper.offset(edit.range.start);
    const end = mapper.offset(edit.range.end);
    assert.equal(after.slice(0, start), text.slice(0, start));
    assert.equal(after.slice(start + edit.newText.length), text.slice(end));
    // What it replaced is the stage's value (or the place for a new `stage:`), never another line's text.
    const replaced = text.slice(start, end);
    assert.ok(!/\n\S/.test(replaced), `the edit reaches into the next entry: ${JSON.stringify(replaced)}`);
  }
  // It re-parses, with the new stage and everything else as it was.
  const result = parseStageFile(after, { matrix: builtinMatrix(), today: '2025-06-01' });
  assert.equal(result.config.stage, stage, JSON.stringify(after));
  assert.deepEqual(withoutStage(after), withoutStage(text));
  assert.deepEqual(
    result.problems.filter((problem) => problem.severity === 'error'),
    [],
    JSON.stringify(after),
  );
  // And again is a no-op.
  const again = checkedSetStageEdits(after, stage);
  assert.ok(!('refused' in again) && again.edits.length === 0, 'setting the same stage twice changes nothing');
}

describe('foundation: properties of `set` on a valid .stage.yml (fast-check)', function () {
  // Generous: a loaded 2-core machine; a property never hangs, it only takes longer.
  this.timeout(Math.max(60000, RUNS * 40));

  it('the generator writes valid files in every stage style', () => {
    fc.assert(
      fc.property(validStageFile, (text) => {
        const result = parseStageFile(text, { matrix: builtinMatrix(), today: '2025-06-01' });
        const errors = result.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.code);
        // A missing or empty stage is the one error a valid file may have before `set` adds it.
        assert.deepEqual(
          errors.filter((code) => code !== 'missing-stage'),
          [],
          JSON.stringify(text),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('set keeps every other byte, re-parses to the new stage and the same other keys, and is idempotent', () => {
    fc.assert(
      fc.property(validStageFile, fc.constantFrom(...STAGE_IDS), (text, stage) => checkSet(text, stage)),
      { numRuns: RUNS },
    );
  });

  it('the block-scalar case from the issue: `stage: |` followed by a key', () => {
    const checked = checkedSetStageEdits('stage: |\n  mvp\nname: orders', 'production');
    assert.ok(!('refused' in checked));
    assert.equal(checked.text, 'stage: production\nname: orders');
  });

  it('an edit whose re-parse changes another key, or gives another stage, is refused', () => {
    // Hand-made bad edits (what the old block-scalar range did): the check must catch them.
    const joined = checkEdits(
      'stage: |\n  mvp\nname: orders\n',
      [{ range: { start: { line: 0, character: 7 }, end: { line: 2, character: 0 } }, newText: 'production' }],
      'stage',
      () => undefined,
    );
    assert.ok('refused' in joined, `"stage: productionname: orders" is refused: ${JSON.stringify(joined)}`);
    const swallowed = checkEdits(
      'stage: mvp\nname: orders\n',
      [{ range: { start: { line: 0, character: 7 }, end: { line: 1, character: 12 } }, newText: 'production' }],
      'stage',
      () => undefined,
    );
    assert.ok('refused' in swallowed && /"name"/.test(swallowed.refused), JSON.stringify(swallowed));
    const invalid = checkEdits(
      'stage: mvp\n',
      [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 10 } }, newText: '[production' }],
      'stage',
      () => undefined,
    );
    assert.ok('refused' in invalid && /valid YAML/.test(invalid.refused), JSON.stringify(invalid));
    const duplicate = checkedSetStageEdits('stage: mvp\nstage: scale\n', 'production');
    assert.ok(!('refused' in duplicate) || /stage/.test(duplicate.refused));
  });
});
