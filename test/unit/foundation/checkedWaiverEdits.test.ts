import { strict as assert } from 'node:assert';
import { checkedRemoveWaiverEdits, checkedSetWaiverUntilEdits } from '../../../src/core/stageFile/editCheck';
import { aliasBomb } from '../rules/yaml/hostileYaml';

/**
 * The waiver quick fixes' core decisions (issue 10: the same checked edit as Set Stage): every
 * edit is re-parsed, and one that would change anything but that waiver, or a file past the YAML
 * limits, is refused with a reason instead of being applied.
 */
describe('foundation: checked waiver edits (remove / extend)', () => {
  const text = 'stage: mvp # ours\nwaivers:\n  - rule: a\n    reason: b\n    until: 2020-01-01\n  - rule: c\n    reason: d\n';

  it('removes one waiver and extends one, touching nothing else', () => {
    const removed = checkedRemoveWaiverEdits(text, 0);
    assert.ok(!('refused' in removed), JSON.stringify(removed));
    assert.equal(removed.text, 'stage: mvp # ours\nwaivers:\n  - rule: c\n    reason: d\n');
    const extended = checkedSetWaiverUntilEdits(text, 0, '2030-01-01');
    assert.ok(!('refused' in extended), JSON.stringify(extended));
    assert.equal(extended.text, text.replace('2020-01-01', '2030-01-01'));
    const only = 'stage: mvp\nwaivers:\n  - rule: a\n    until: 2020-01-01\n';
    assert.ok(!('refused' in checkedRemoveWaiverEdits(only, 0)));
  });

  it('refuses an edit whose re-parse drops another waiver (a flow list on one line)', () => {
    const flow = 'stage: mvp\nwaivers: [{rule: a, until: 2020-01-01}, {rule: c}]\n';
    const removed = checkedRemoveWaiverEdits(flow, 0);
    assert.deepEqual(removed, { refused: 'the other waivers would change too' });
  });

  it('refuses an alias bomb or a waiver that is gone, with the reason', () => {
    assert.deepEqual(checkedRemoveWaiverEdits(`stage: mvp\nwaivers:\n  - rule: a\n${aliasBomb()}`, 0), {
      refused: 'its aliases expand to too many nodes (an alias bomb?)',
    });
    assert.deepEqual(checkedSetWaiverUntilEdits(text, 5, '2030-01-01'), { refused: 'the waiver is no longer there' });
  });
});
