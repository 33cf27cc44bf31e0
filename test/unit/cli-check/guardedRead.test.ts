import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../../../src/node/guardedRead';

/**
 * The CLI's one read of a repository file sizes its first buffer by the file (a scan reads thousands of
 * small files, and a 64 KB buffer each was most of its memory outside the heap): every size around the
 * buffer's edges must still come back whole, and the size limit still hold.
 */
describe('check: the guarded read of a file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'guarded-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const text = (length: number) => Array.from({ length }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');

  for (const length of [0, 1, 1023, 1024, 1025, 4095, 4096, 65_535, 65_536, 65_537, 200_000]) {
    it(`reads a file of ${length} bytes whole`, () => {
      const path = join(dir, `file-${length}.txt`);
      writeFileSync(path, text(length));
      assert.deepEqual(readRegularFile(path, 1024 * 1024), { status: 'ok', text: text(length) });
    });
  }

  it('decodes multi-byte UTF-8 that spans a chunk edge', () => {
    const path = join(dir, 'utf8.txt');
    const content = `${text(65_535)}é€😀 end`;
    writeFileSync(path, content);
    assert.deepEqual(readRegularFile(path, 1024 * 1024), { status: 'ok', text: content });
  });

  it('reads a file of the size fstat told in one read (no read that finds nothing after it)', () => {
    const path = join(dir, 'small.yaml');
    writeFileSync(path, 'services:\n  web:\n    image: nginx:1.27\n');
    const readSync = fs.readSync;
    let reads = 0;
    fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
      reads++;
      return readSync(...args);
    }) as typeof fs.readSync;
    try {
      assert.equal(readRegularFile(path, 1024 * 1024).status, 'ok');
    } finally {
      fs.readSync = readSync;
    }
    assert.equal(reads, 1);
  });

  it('still refuses a file over the limit', () => {
    const path = join(dir, 'large.txt');
    writeFileSync(path, text(70_000));
    assert.equal(readRegularFile(path, 65_536).status, 'too-large');
    assert.equal(readRegularFile(path, 70_000).status, 'ok');
  });
});
