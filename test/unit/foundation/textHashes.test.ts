// The hashes the caches key by: FNV-1a as published (so a continued hash is the hash of the texts joined), and the
// pair textHashes makes, which tells apart the texts one 31-polynomial alone confuses.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { fnv1a, textHashes, textKey } from '../../../src/core/textHashes';

describe('fnv1a', () => {
  it('is 32-bit FNV-1a: the published values for "" and "a" and "foobar"', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
  });

  it('continued over several texts, is the hash of the texts joined', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (texts) => {
        let hash: number | undefined;
        for (const text of texts) hash = fnv1a(text, hash);
        assert.equal(hash ?? fnv1a(''), fnv1a(texts.join('')));
      }),
    );
  });
});

describe('textHashes', () => {
  it('tells apart two texts one 31-polynomial hash confuses (one character up, the next 31 down)', () => {
    const [polynomialA, fnvA] = textHashes('Aa');
    const [polynomialB, fnvB] = textHashes('BB');
    assert.equal(polynomialA, polynomialB);
    assert.notEqual(fnvA, fnvB);
    assert.notEqual(textKey('Aa'), textKey('BB'));
  });
});
