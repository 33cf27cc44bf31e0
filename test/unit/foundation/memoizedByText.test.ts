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

  it('forgets everything once the texts it holds would pass their length bound', () => {
    const asked: string[] = [];
    const length = memoizedByText(
      (text) => {
        asked.push(text);
        return text.length;
      },
      100,
      8,
    );
    length('abcd');
    length('efgh'); // 8 characters held: at the bound, kept
    assert.equal(length('abcd'), 4);
    length('ij'); // 10 would pass it: the two before are let go
    assert.equal(length('ij'), 2);
    assert.equal(length('abcd'), 4);
    assert.deepEqual(asked, ['abcd', 'efgh', 'ij', 'abcd']);
  });
});
