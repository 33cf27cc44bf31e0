import { strict as assert } from 'node:assert';
import type { CoreFileSystem, DirectoryEntry } from '../../../src/core/fileSystem';
import { findFilesByName } from '../../../src/core/workspace/findFilesByName';
import { MemoryFileSystem } from './memoryFileSystem';

/** Only readDirectory matters to the walk: every other method says "nothing here". */
function listingOnly(readDirectory: (path: string) => DirectoryEntry[] | undefined): CoreFileSystem & { listed: string[] } {
  const listed: string[] = [];
  return {
    listed,
    readText: async () => undefined,
    readFile: async () => ({ status: 'missing' }),
    stat: async () => undefined,
    realPath: async () => undefined,
    readDirectory: async (path) => {
      listed.push(path);
      return readDirectory(path);
    },
  } as CoreFileSystem & { listed: string[] };
}

describe("foundation: findFilesByName (the editor's walk instead of findFiles)", () => {
  it('finds files by name below the roots, never in NEVER_DESCEND folders, sorted', async () => {
    const fs = new MemoryFileSystem({
      '/ws/.stage.yml': 'stage: mvp\n',
      '/ws/services/api/.stage.yml': 'stage: production\n',
      '/ws/node_modules/pkg/.stage.yml': 'stage: mvp\n',
      '/ws/.git/x/.stage.yml': 'stage: mvp\n',
      '/ws/services/api/app.js': '',
    });
    const found = await findFilesByName(fs, ['/ws'], { wants: (name) => name === '.stage.yml', maxFiles: 10 });
    assert.deepEqual(found, { files: ['/ws/.stage.yml', '/ws/services/api/.stage.yml'], complete: true });
  });

  it('never enters a symbolic link or special file (reported as other): `self -> .` and a link to / end the walk', async () => {
    const fs = listingOnly((path) => {
      if (path === '/ws')
        return [
          { name: 'self', kind: 'other' },
          { name: 'root', kind: 'other' },
          { name: 'a.yml', kind: 'file' },
          { name: 'fifo.yml', kind: 'other' },
        ];
      return undefined;
    });
    const found = await findFilesByName(fs, ['/ws'], { wants: (name) => name.endsWith('.yml'), maxFiles: 10 });
    assert.deepEqual(found, { files: ['/ws/a.yml'], complete: true });
    assert.deepEqual(fs.listed, ['/ws']);
  });

  it('ends on a file system whose folders loop without links: maxFolders bounds the listings, and it says so', async () => {
    // Every folder holds itself again (a bind mount of a parent looks like this).
    const fs = listingOnly(() => [
      { name: 'again', kind: 'directory' },
      { name: 'x.yml', kind: 'file' },
    ]);
    const found = await findFilesByName(fs, ['/ws'], { wants: (name) => name.endsWith('.yml'), maxFiles: 1000, maxFolders: 50 });
    assert.equal(found.complete, false);
    assert.equal(fs.listed.length, 50);
    assert.equal(found.files.length, 50);
  });

  it('stops at maxFiles, and says the result is partial', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`/ws/d${i}/k.yaml`] = '';
    const found = await findFilesByName(new MemoryFileSystem(files), ['/ws'], { wants: (name) => name.endsWith('.yaml'), maxFiles: 10 });
    assert.equal(found.files.length, 10);
    assert.equal(found.complete, false);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const found = await findFilesByName(new MemoryFileSystem({ '/ws/a.yml': '' }), ['/ws'], {
      wants: () => true,
      maxFiles: 10,
      cancellation: controller.signal,
    });
    assert.deepEqual(found, { files: [], complete: false });
  });
});
