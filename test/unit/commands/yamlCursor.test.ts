import { strict as assert } from 'node:assert';
import { completionPlace, scalarAt } from '../../../src/extension/stageFileSupport/yamlCursor';
import { withCursor } from './cursorText';

function placeAt(marked: string) {
  const { text, offset } = withCursor(marked);
  const place = completionPlace(text, offset);
  return (
    place && {
      role: place.role,
      path: place.path,
      value: place.value,
      written: text.slice(place.range[0], place.range[1]),
      siblingKeys: place.siblingKeys,
    }
  );
}

describe('commands: where the cursor stands in .stage.yml (completionPlace)', () => {
  it('an empty file is a root key being typed', () => {
    assert.deepEqual(placeAt('|'), { role: 'key', path: [], value: '', written: '', siblingKeys: [] });
  });

  it('a word at the root is a key, with the other root keys as siblings', () => {
    assert.deepEqual(placeAt('stage: mvp\ncon|'), { role: 'key', path: [], value: 'con', written: 'con', siblingKeys: ['stage'] });
  });

  it('a word typed above another key stays a key of its own line (not joined to the next line)', () => {
    assert.deepEqual(placeAt('stage: mvp\ncon|\nconcerns:\n  security: mvp\n'), {
      role: 'key',
      path: [],
      value: 'con',
      written: 'con',
      siblingKeys: ['stage', 'concerns'],
    });
  });

  it('an empty line between keys is a root key position, even after a comment', () => {
    assert.deepEqual(placeAt('# comment\n|\nstage: mvp\n'), { role: 'key', path: [], value: '', written: '', siblingKeys: ['stage'] });
  });

  it('an indented word under concerns: is a concern key (not the value of concerns)', () => {
    assert.deepEqual(placeAt('stage: mvp\nconcerns:\n  sec|'), {
      role: 'key',
      path: ['concerns'],
      value: 'sec',
      written: 'sec',
      siblingKeys: [],
    });
    assert.deepEqual(placeAt('stage: mvp\nconcerns:\n  security: mvp\n  |\n'), {
      role: 'key',
      path: ['concerns'],
      value: '',
      written: '',
      siblingKeys: ['security'],
    });
  });

  it('after "stage: " is the value of stage, and the written word is the range to replace', () => {
    assert.deepEqual(placeAt('stage: |\nname: x\n'), {
      role: 'value',
      path: ['stage'],
      value: '',
      written: '',
      siblingKeys: ['stage', 'name'],
    });
    assert.deepEqual(placeAt('stage: pro|\nname: x\n'), {
      role: 'value',
      path: ['stage'],
      value: 'pro',
      written: 'pro',
      siblingKeys: ['stage', 'name'],
    });
  });

  it('a quoted value keeps its quotes in the range and reports being quoted', () => {
    const { text, offset } = withCursor('stage: "pro|"\n');
    const place = completionPlace(text, offset);
    assert.equal(place?.quoted, true);
    assert.equal(place?.value, 'pro');
    assert.deepEqual(place?.path, ['stage']);
  });

  it('values under concerns and rules carry their full key path', () => {
    assert.deepEqual(placeAt('stage: mvp\nconcerns:\n  security: |\n')?.path, ['concerns', 'security']);
    assert.deepEqual(placeAt('stage: mvp\nrules:\n  docker/non-root-user: |')?.path, ['rules', 'docker/non-root-user']);
  });

  it('inside a waiver item, a word is a waiver key (with the item index in the path)', () => {
    assert.deepEqual(placeAt('stage: mvp\nwaivers:\n  - rule: x\n    rea|'), {
      role: 'key',
      path: ['waivers', 0],
      value: 'rea',
      written: 'rea',
      siblingKeys: ['rule'],
    });
    assert.deepEqual(placeAt('stage: mvp\nwaivers:\n  - |'), {
      role: 'key',
      path: ['waivers', 0],
      value: '',
      written: '',
      siblingKeys: [],
    });
  });

  it('a cursor inside a comment is nowhere', () => {
    assert.equal(placeAt('stage: mvp # the | stage\n'), undefined);
  });
});

describe('commands: the scalar under the pointer (scalarAt)', () => {
  it('finds keys and values with their paths', () => {
    const text = 'stage: mvp\nconcerns:\n  security: production\n';
    const key = scalarAt(text, text.indexOf('security') + 2);
    assert.deepEqual([key?.role, key?.path, key?.value], ['key', ['concerns'], 'security']);
    const value = scalarAt(text, text.indexOf('production') + 1);
    assert.deepEqual([value?.role, value?.path, value?.value], ['value', ['concerns', 'security'], 'production']);
  });

  it('finds nothing in a comment or blank line', () => {
    const text = '# note\n\nstage: mvp\n';
    assert.equal(scalarAt(text, 2), undefined);
    assert.equal(scalarAt(text, text.indexOf('\n\n') + 1), undefined);
  });

  it('a .stage.yml nested 10,000 deep (typed in the editor) finds nothing instead of overflowing the stack', () => {
    const text = `stage: ${'['.repeat(10000)}mvp${']'.repeat(10000)}\n`;
    assert.equal(scalarAt(text, 10005), undefined);
    assert.equal(completionPlace(text, 10005), undefined);
  });
});
