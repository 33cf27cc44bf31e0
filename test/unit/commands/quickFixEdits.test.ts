import { strict as assert } from 'node:assert';
import { addDays, replacementText, waiverIndexAt } from '../../../src/extension/stageFileSupport/quickFixEdits';

describe('commands: quick-fix text helpers', () => {
  it('writes a suggestion in the quoting style of what it replaces', () => {
    assert.equal(replacementText('mvq', 'mvp'), 'mvp');
    assert.equal(replacementText('"mvq"', 'mvp'), '"mvp"');
    assert.equal(replacementText("'mvq'", "it's"), "'it''s'");
  });

  it('finds which waiver item an offset is in', () => {
    const text = 'stage: mvp\nwaivers:\n  - rule: a\n    reason: r\n  - rule: b\n    reason: s\n    until: 2020-01-01\n';
    assert.equal(waiverIndexAt(text, text.indexOf('rule: a')), 0);
    assert.equal(waiverIndexAt(text, text.indexOf('2020-01-01')), 1);
    assert.equal(waiverIndexAt(text, text.indexOf('stage')), undefined);
    assert.equal(waiverIndexAt('stage: mvp\n', 3), undefined);
  });

  it('adds days across month and year ends in UTC', () => {
    assert.equal(addDays('2024-01-31', 30), '2024-03-01');
    assert.equal(addDays('2024-12-15', 30), '2025-01-14');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  });
});
