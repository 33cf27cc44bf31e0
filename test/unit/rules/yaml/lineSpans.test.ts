import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { lastSpanHolding } from '../../../../src/core/rules/yaml/lineSpans';
import type { LineSpan } from '../../../../src/core/rules/yaml/lineSpans';

/** What the lookup replaces: a scan of every span, the last one holding the line winning. */
function scanned(spans: readonly LineSpan[], line: number): LineSpan | undefined {
  let found: LineSpan | undefined;
  for (const span of spans) if (span.start <= line && line <= span.end) found = span;
  return found;
}

/** Units in file order, as a compose file's services or a manifest's objects lie: gaps, shared end/start lines, empty ones. */
const fileOrderSpans = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 3 }), length: fc.integer({ min: 0, max: 6 }) }), { maxLength: 30 })
  .map((parts) => {
    const spans: LineSpan[] = [];
    let line = 0;
    for (const { gap, length } of parts) {
      // A gap of 0 starts the unit on the line the previous one ends (a node's range may end where the next key starts).
      const start = line + gap;
      spans.push({ start, end: start + length });
      line = start + length;
    }
    return spans;
  });

const anySpans = fc.array(
  fc
    .record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: -2, max: 10 }) })
    .map(({ start, length }) => ({ start, end: start + length })),
  { maxLength: 20 },
);

describe('yaml: the unit a line belongs to (lineSpans)', () => {
  it('answers what a scan of every span answers, for units in file order (bisected)', () => {
    fc.assert(
      fc.property(fileOrderSpans, fc.integer({ min: -2, max: 200 }), (spans, line) => {
        assert.equal(lastSpanHolding(spans)(line), scanned(spans, line));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers what a scan answers for overlapping, unordered or inverted spans too (scanned)', () => {
    fc.assert(
      fc.property(anySpans, fc.integer({ min: -2, max: 60 }), (spans, line) => {
        assert.equal(lastSpanHolding(spans)(line), scanned(spans, line));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the later unit the line one ends and the next starts on, and none to a line between units', () => {
    const first = { start: 0, end: 4 };
    const second = { start: 4, end: 9 };
    const third = { start: 12, end: 15 };
    const find = lastSpanHolding([first, second, third]);
    assert.equal(find(4), second);
    assert.equal(find(3), first);
    assert.equal(find(10), undefined);
    assert.equal(find(15), third);
    assert.equal(find(16), undefined);
  });
});
