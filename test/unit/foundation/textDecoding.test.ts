import { strict as assert } from 'node:assert';
import { decodeText } from '../../../src/core/textDecoding';

describe('foundation: decoding a repository file', () => {
  const text = 'stage: mvp\nname: "Café ✓"\n';

  it('reads UTF-16 LE and BE with their byte-order mark as text (not NUL-riddled "not a map")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2));
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    assert.equal(decodeText(le), text);
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
  });

  it('drops a UTF-8 byte-order mark and reads plain UTF-8 as it is', () => {
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
    assert.equal(decodeText(Buffer.from(text)), text);
  });

  it('never throws on invalid bytes', () => {
    assert.equal(decodeText(Buffer.from([0x61, 0xff, 0x62])), 'a\ufffdb');
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x61])), '\ufffd', 'an odd trailing byte');
  });
});
