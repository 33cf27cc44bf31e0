import { strict as assert } from 'node:assert';
import { readCommandArgs } from '../../../src/extension/commands/commandArgs';
import { stageChoices } from '../../../src/extension/commands/stageChoices';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';

class FakeUri {
  constructor(readonly text: string) {}
}
const isUri = (value: unknown): value is FakeUri => value instanceof FakeUri;
const parseUri = (text: string) => new FakeUri(text);
const read = (arg: unknown) => readCommandArgs(arg, isUri, parseUri);

describe('commands: optional command arguments', () => {
  it('reads nothing from nothing or junk, without throwing', () => {
    for (const arg of [undefined, null, 42, true, [], {}]) assert.deepEqual(read(arg), { createIfMissing: false });
  });

  it('takes a bare string as the stage and a bare URI as the target', () => {
    assert.deepEqual(read('production'), { stage: 'production', createIfMissing: false });
    const uri = new FakeUri('file:///w');
    assert.deepEqual(read(uri), { uri, createIfMissing: false });
  });

  it('reads { stage, uri | folder, createIfMissing }, parsing string URIs', () => {
    const uri = new FakeUri('file:///w');
    assert.deepEqual(read({ stage: 'mvp', uri, createIfMissing: true }), { stage: 'mvp', uri, createIfMissing: true });
    assert.deepEqual(read({ folder: 'file:///x' }), { uri: new FakeUri('file:///x'), createIfMissing: false });
    assert.deepEqual(read({ stage: '  ', createIfMissing: 'yes' }), { createIfMissing: false });
  });
});

describe('commands: the stage choices both pickers show', () => {
  it('lists the seed stage names with goals in order and marks the current one', () => {
    const choices = stageChoices(builtinMatrix(), 'mvp');
    assert.deepEqual(
      choices.map((c) => c.name),
      ['Rapid Prototyping', 'Minimum Viable Product (MVP)', 'Production-Ready System', 'System at Scale', 'Distributed Enterprise System'],
    );
    assert.equal(choices[0].goal, 'Validate feasibility & core idea');
    assert.deepEqual(
      choices.map((c) => c.current),
      [false, true, false, false, false],
    );
    assert.ok(stageChoices(builtinMatrix()).every((c) => !c.current));
  });
});
