import { strict as assert } from 'node:assert';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { stageGoal } from '../../../src/core/matrix/matrixQueries';
import { STAGE_FILE_KEYS } from '../../../src/core/stageFile/parseStageFile';
import { completionCandidates, replacementRange } from '../../../src/extension/stageFileSupport/completionCandidates';
import { completionPlace } from '../../../src/extension/stageFileSupport/yamlCursor';
import { withCursor } from './cursorText';

const matrix = builtinMatrix();

function candidatesAt(marked: string, knownRuleIds?: ReadonlySet<string>) {
  const { text, offset } = withCursor(marked);
  const place = completionPlace(text, offset);
  assert.ok(place, `no place at ${JSON.stringify(marked)}`);
  return completionCandidates(place, matrix, knownRuleIds);
}

describe('commands: .stage.yml completion candidates', () => {
  it("offers every root key in an empty file, in the parser's order", () => {
    assert.deepEqual(
      candidatesAt('|').map((c) => c.label),
      [...STAGE_FILE_KEYS],
    );
  });

  it('leaves out root keys already present and types "key: " for scalar keys', () => {
    const candidates = candidatesAt('stage: mvp\n|\n');
    assert.ok(!candidates.some((c) => c.label === 'stage'));
    const next = candidates.find((c) => c.label === 'next');
    assert.deepEqual([next?.insertText, next?.suggestValueNext], ['next: ', true]);
    assert.equal(candidates.find((c) => c.label === 'concerns')?.insertText, 'concerns:');
  });

  it('offers the five stages with the seed goal as detail, in maturity order, for stage and next', () => {
    for (const marked of ['stage: |', 'stage: mvp\nnext: |']) {
      const candidates = candidatesAt(marked);
      assert.deepEqual(
        candidates.map((c) => c.label),
        ['prototype', 'mvp', 'production', 'scale', 'enterprise'],
      );
      assert.deepEqual(
        candidates.map((c) => c.detail),
        matrix.stages.map((s) => stageGoal(matrix, s.id)),
      );
      assert.equal(candidates[1].detail, 'Build a functional product');
      assert.deepEqual(
        candidates.map((c) => c.sortText),
        [...candidates.map((c) => c.sortText)].sort(),
      );
    }
  });

  it('offers concern ids (with names) under concerns:, without those already set, then stages as their values', () => {
    const keys = candidatesAt('stage: mvp\nconcerns:\n  security: production\n  |\n');
    assert.equal(keys.length, 11);
    assert.ok(!keys.some((c) => c.label === 'security'));
    assert.equal(keys.find((c) => c.label === 'fault-tolerance')?.detail, 'Fault Tolerance');
    assert.deepEqual(
      candidatesAt('stage: mvp\nconcerns:\n  security: |').map((c) => c.kind),
      ['stage', 'stage', 'stage', 'stage', 'stage'],
    );
  });

  it('offers rule levels as values under rules:, and known rule ids as keys', () => {
    assert.deepEqual(
      candidatesAt('stage: mvp\nrules:\n  docker/x: |').map((c) => c.label),
      ['off', 'info', 'warning', 'error'],
    );
    const ids = new Set(['k8s/b', 'docker/a']);
    assert.deepEqual(
      candidatesAt('stage: mvp\nrules:\n  |', ids).map((c) => c.label),
      ['docker/a', 'k8s/b'],
    );
    assert.deepEqual(
      candidatesAt('stage: mvp\nrules:\n  |').map((c) => c.label),
      [],
      'no rule ids known, nothing invented',
    );
  });

  it('offers the waiver keys not yet used inside a waiver, and rule ids for its rule', () => {
    assert.deepEqual(
      candidatesAt('stage: mvp\nwaivers:\n  - rule: x\n    |').map((c) => c.label),
      ['paths', 'reason', 'until'],
    );
    assert.deepEqual(
      candidatesAt('stage: mvp\nwaivers:\n  - rule: |', new Set(['docker/a'])).map((c) => c.label),
      ['docker/a'],
    );
  });

  it('offers nothing for free-text values', () => {
    assert.deepEqual(candidatesAt('stage: mvp\nname: |'), []);
    assert.deepEqual(candidatesAt('stage: mvp\nwaivers:\n  - reason: |'), []);
  });

  it('replaces inside the quotes of a quoted value', () => {
    const { text, offset } = withCursor("stage: 'pro|'\n");
    const place = completionPlace(text, offset);
    assert.ok(place);
    const [start, end] = replacementRange(place, text);
    assert.equal(text.slice(start, end), 'pro');
  });
});
