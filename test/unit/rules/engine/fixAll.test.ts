import * as assert from 'node:assert/strict';
import { collectFixAll, overlaps } from '../../../../src/core/rules/engine/fixAll';
import type { StagedFinding } from '../../../../src/core/rules/engine/evaluate';
import { applyTextEdits, rangeOf } from '../../../../src/core/text';
import type { TextEdit } from '../../../../src/core/text';
import type { RuleMeta } from '../../../../src/core/rules/types';

const RULE: RuleMeta = { id: 'docker/x', kind: 'dockerfile', concern: 'security', from: 'mvp', title: 't', why: 'w', fix: 'f', peers: [] };

function staged(edits: TextEdit[], severity: StagedFinding['severity'] = 'warning'): StagedFinding {
  return {
    rule: RULE,
    finding: { ruleId: RULE.id, range: edits[0]?.range ?? rangeOf(0, 0, 0, 0), fix: { title: 'fix', edits } },
    severity,
    status: 'due',
    stage: 'mvp',
    label: 'mvp',
  };
}

const edit = (line: number, from: number, to: number, newText: string): TextEdit => ({ range: rangeOf(line, from, line, to), newText });

describe('fix-all', () => {
  it('detects overlaps, but not touching ranges', () => {
    assert.ok(overlaps(edit(0, 0, 4, ''), edit(0, 3, 6, '')));
    assert.ok(!overlaps(edit(0, 0, 3, ''), edit(0, 3, 6, '')), 'touching');
    assert.ok(overlaps(edit(0, 0, 4, ''), edit(0, 2, 2, 'x')), 'insertion strictly inside');
    assert.ok(!overlaps(edit(0, 0, 4, ''), edit(0, 4, 4, 'x')), 'insertion at the end');
    assert.ok(overlaps(edit(0, 2, 2, 'a'), edit(0, 2, 2, 'b')), 'insertions at one point');
    assert.ok(!overlaps(edit(0, 2, 2, 'a'), edit(1, 2, 2, 'b')));
  });

  it('takes every non-overlapping fix of reported findings, and defers overlapping ones to a second pass', () => {
    const text = 'abcdefghij\nsecond line\n';
    const first = staged([edit(0, 0, 3, 'ABC')]);
    const overlapping = staged([edit(0, 2, 5, 'XYZ')]);
    const separate = staged([edit(1, 0, 6, 'SECOND'), edit(0, 9, 10, 'J')]);
    const unreported = { ...staged([edit(0, 5, 6, 'F')]), severity: undefined, suppressedBy: 'inline' as const };
    const result = collectFixAll([first, overlapping, separate, unreported]);
    assert.deepEqual(result.fixed, [first, separate]);
    assert.deepEqual(result.deferred, [overlapping]);
    assert.equal(applyTextEdits(text, result.edits), 'ABCdefghiJ\nSECOND line\n');
  });

  it('merges insertions at the same point in finding order', () => {
    const result = collectFixAll([staged([edit(1, 0, 0, 'USER 1\n')]), staged([edit(1, 0, 0, 'HEALTHCHECK x\n')])]);
    assert.deepEqual(result.deferred, []);
    assert.equal(applyTextEdits('FROM a\nCMD b\n', result.edits), 'FROM a\nUSER 1\nHEALTHCHECK x\nCMD b\n');
  });

  it('takes a fix whole or not at all', () => {
    const taken = staged([edit(0, 0, 1, 'A')]);
    const partlyOverlapping = staged([edit(0, 5, 6, 'F'), edit(0, 0, 1, 'Z')]);
    const result = collectFixAll([taken, partlyOverlapping]);
    assert.equal(applyTextEdits('abcdefg', result.edits), 'Abcdefg');
    assert.deepEqual(result.deferred, [partlyOverlapping]);
  });
});
