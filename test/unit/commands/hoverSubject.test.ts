import { strict as assert } from 'node:assert';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { hoverSubject } from '../../../src/extension/stageFileSupport/hoverSubject';
import { withCursor } from './cursorText';

const matrix = builtinMatrix();

function subjectAt(marked: string) {
  const { text, offset } = withCursor(marked);
  const subject = hoverSubject(text, offset, matrix);
  return subject && { ...subject, range: text.slice(subject.range[0], subject.range[1]) };
}

describe('commands: what a hover in .stage.yml is about', () => {
  it('names root keys with their written range', () => {
    assert.deepEqual(subjectAt('sta|ge: mvp\n'), { kind: 'key', key: 'stage', range: 'stage' });
    assert.deepEqual(subjectAt('stage: mvp\nwai|vers: []\n'), { kind: 'key', key: 'waivers', range: 'waivers' });
  });

  it('names waiver keys inside a waiver item', () => {
    assert.deepEqual(subjectAt('stage: mvp\nwaivers:\n  - rule: x\n    un|til: 2020-01-01\n'), {
      kind: 'waiver-key',
      key: 'until',
      range: 'until',
    });
  });

  it('names known concern ids under concerns:, and not unknown ones', () => {
    assert.deepEqual(subjectAt('stage: mvp\nconcerns:\n  secu|rity: production\n'), {
      kind: 'concern',
      concernId: 'security',
      range: 'security',
    });
    assert.equal(subjectAt('stage: mvp\nconcerns:\n  secu|rty: production\n'), undefined);
  });

  it('resolves stage values, aliases included', () => {
    assert.deepEqual(subjectAt('stage: pr|od\n'), { kind: 'stage', stage: 'production', range: 'prod' });
    assert.deepEqual(subjectAt('stage: mvp\nconcerns:\n  security: ent|erprise\n'), {
      kind: 'stage',
      stage: 'enterprise',
      range: 'enterprise',
    });
    assert.equal(subjectAt('stage: mv|q\n'), undefined);
  });

  it('has nothing to say about unknown keys or free text', () => {
    assert.equal(subjectAt('stag|e_x: mvp\n'), undefined);
    assert.equal(subjectAt('stage: mvp\nname: sh|op\n'), undefined);
  });
});
