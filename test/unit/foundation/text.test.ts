import { strict as assert } from 'node:assert';
import { applyTextEdits, PositionMapper, rangeOf } from '../../../src/core/text';

describe('foundation: text positions and edits', () => {
  const text = 'stage: mvp\r\nname: x\n\nlast';

  it('maps offsets to zero-based positions and back', () => {
    const mapper = new PositionMapper(text);
    assert.deepEqual(mapper.position(0), { line: 0, character: 0 });
    assert.deepEqual(mapper.position(7), { line: 0, character: 7 });
    assert.deepEqual(mapper.position(12), { line: 1, character: 0 });
    assert.deepEqual(mapper.position(text.length), { line: 3, character: 4 });
    assert.deepEqual(mapper.position(text.length + 50), { line: 3, character: 4 }, 'clamped to the end');
    assert.deepEqual(mapper.position(-3), { line: 0, character: 0 }, 'clamped to the start');
    for (let offset = 0; offset <= text.length; offset++) assert.equal(mapper.offset(mapper.position(offset)), offset);
    assert.deepEqual(mapper.range(12, 16), rangeOf(1, 0, 1, 4));
    assert.deepEqual(mapper.range(5, 2), rangeOf(0, 5, 0, 5), 'an inverted range collapses to its start');
  });

  it('applies non-overlapping edits in any order', () => {
    const edits = [
      { range: rangeOf(1, 6, 1, 7), newText: 'payments' },
      { range: rangeOf(0, 7, 0, 10), newText: 'production' },
      { range: rangeOf(3, 4, 3, 4), newText: '\n' },
    ];
    assert.equal(applyTextEdits(text, edits), 'stage: production\r\nname: payments\n\nlast\n');
    assert.equal(applyTextEdits(text, []), text);
  });
});
