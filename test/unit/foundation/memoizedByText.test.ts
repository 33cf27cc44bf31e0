import * as assert from 'node:assert/strict';
import { memoizedByText } from '../../../src/core/memoizedByText';

describe('memoizedByText', () => {
  it('computes each text once, undefined answers included', () => {
    const asked: string[] = [];
    const lengthOrNothing = memoizedByText((text) => {
      asked.push(text);
      return text === '' ? undefined : text.length;
    }, 10);
    assert.equal(lengthOrNothing('node:22'), 7);
    assert.equal(lengthOrNothing(''), undefined);
    assert.equal(lengthOrNothing('node:22'), 7);
    assert.equal(lengthOrNothing(''), undefined);
    assert.deepEqual(asked, ['node:22', '']);
  });

  it('forgets everything once it holds its bound, and answers the same after', () => {
    const asked: string[] = [];
    const upper = memoizedByText((text) => {
      asked.push(text);
      return text.toUpperCase();
    }, 2);
    upper('a');
    upper('b');
    upper('c'); // the third answer clears the two before it
    assert.equal(upper('c'), 'C');
    assert.equal(upper('a'), 'A');
    assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
  });
});
