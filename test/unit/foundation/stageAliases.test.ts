import { strict as assert } from 'node:assert';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { editDistance, resolveStageName, suggestStageNames } from '../../../src/core/matrix/stageAliases';
import type { StageId } from '../../../src/core/stages';

describe('foundation: stage aliases', () => {
  const matrix = builtinMatrix();

  // Issue 2's list: the seed's display names plus these aliases; the ids themselves too.
  const accepted: Array<[string, StageId]> = [
    ['Rapid Prototyping', 'prototype'],
    ['Minimum Viable Product (MVP)', 'mvp'],
    ['Production-Ready System', 'production'],
    ['System at Scale', 'scale'],
    ['Distributed Enterprise System', 'enterprise'],
    ['poc', 'prototype'],
    ['prototype', 'prototype'],
    ['rapid-prototyping', 'prototype'],
    ['mvp', 'mvp'],
    ['production-ready', 'production'],
    ['prod', 'production'],
    ['production', 'production'],
    ['at-scale', 'scale'],
    ['scale', 'scale'],
    ['distributed-enterprise', 'enterprise'],
    ['enterprise', 'enterprise'],
  ];

  for (const [written, stage] of accepted) {
    it(`"${written}" resolves to ${stage} in any case`, () => {
      assert.equal(resolveStageName(matrix, written), stage);
      assert.equal(resolveStageName(matrix, written.toUpperCase()), stage);
      assert.equal(resolveStageName(matrix, written.toLowerCase()), stage);
      assert.equal(resolveStageName(matrix, `  ${written}\t`), stage, 'surrounding blanks are ignored');
    });
  }

  it('mixed case works (PoC, Prod, MVP, Enterprise)', () => {
    assert.equal(resolveStageName(matrix, 'PoC'), 'prototype');
    assert.equal(resolveStageName(matrix, 'Prod'), 'production');
    assert.equal(resolveStageName(matrix, 'MVP'), 'mvp');
    assert.equal(resolveStageName(matrix, 'Enterprise'), 'enterprise');
  });

  it('does not resolve near misses or nonsense', () => {
    for (const written of ['prodution', 'mvpp', 'enterprize', 'prdo', 'banana', '', 'production ready', 'System at']) {
      assert.equal(resolveStageName(matrix, written), undefined, written);
    }
  });

  const typos: Array<[string, string]> = [
    ['prodution', 'production'],
    ['mvpp', 'mvp'],
    ['enterprize', 'enterprise'],
    ['prdo', 'prod'],
    ['sacle', 'scale'],
    ['protoype', 'prototype'],
  ];
  for (const [typo, best] of typos) {
    it(`suggests "${best}" first for the typo "${typo}"`, () => {
      const suggestions = suggestStageNames(matrix, typo);
      assert.equal(suggestions[0], best, `suggestions: ${suggestions.join(', ')}`);
      for (const suggestion of suggestions) assert.ok(resolveStageName(matrix, suggestion), `${suggestion} is itself accepted`);
    });
  }

  it('suggests nothing for nonsense or an empty string', () => {
    for (const written of ['banana', 'xyz', 'kubernetes', '', '   ']) {
      assert.deepEqual(suggestStageNames(matrix, written), [], written);
    }
  });

  it('returns at most `max` distinct suggestions', () => {
    const suggestions = suggestStageNames(matrix, 'pro', 2);
    assert.equal(suggestions.length, 2);
    assert.equal(new Set(suggestStageNames(matrix, 'p')).size, suggestStageNames(matrix, 'p').length);
  });

  describe('editDistance', () => {
    const cases: Array<[string, string, number]> = [
      ['', '', 0],
      ['mvp', 'mvp', 0],
      ['', 'abc', 3],
      ['abc', '', 3],
      ['mvpp', 'mvp', 1],
      ['prodution', 'production', 1],
      ['enterprize', 'enterprise', 1],
      ['prdo', 'prod', 1], // an adjacent swap is one edit
      ['kitten', 'sitting', 3],
      ['banana', 'scale', 5],
    ];
    for (const [a, b, distance] of cases) {
      it(`"${a}" ↔ "${b}" is ${distance}`, () => {
        assert.equal(editDistance(a, b), distance);
        assert.equal(editDistance(b, a), distance, 'symmetric');
      });
    }
  });

  it('compares no huge strings: a 1 MB value gets no suggestion, at once (issue 10: 15 s and 700 MB per keystroke)', () => {
    const huge = 'm'.repeat(1024 * 1024);
    const started = Date.now();
    assert.deepEqual(suggestStageNames(matrix, huge), []);
    assert.equal(editDistance(huge, 'mvp'), huge.length);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('a value with a NUL or another control character is no misspelling of a stage', () => {
    assert.deepEqual(suggestStageNames(matrix, 'mvp\u0000'), []);
    assert.deepEqual(suggestStageNames(matrix, '\u001b[31mmvp'), []);
    assert.deepEqual(suggestStageNames(matrix, 'mvpp'), ['mvp']);
  });
});
