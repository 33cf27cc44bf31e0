import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { parseStageFile } from '../../../src/core/stageFile/parseStageFile';
import {
  addWaiverEdits,
  newStageFileText,
  removeWaiverEdits,
  setStageEdits,
  setWaiverUntilEdits,
} from '../../../src/core/stageFile/stageFileEdits';
import type { NewWaiver } from '../../../src/core/stageFile/stageFileEdits';
import { STAGE_IDS } from '../../../src/core/stages';
import type { StageId } from '../../../src/core/stages';
import { applyTextEdits } from '../../../src/core/text';
import type { TextEdit } from '../../../src/core/text';
import { REPO_ROOT } from './seedTable';

const fixture = (name: string) => readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files', name), 'utf8');
/** The commented, oddly formatted file: odd spacing, a folded scalar, trailing blanks, no final newline. */
const COMMENTED = fixture('commented.stage.yml');
const parse = (text: string) => parseStageFile(text, { matrix: builtinMatrix(), today: '2025-06-01' });

function setStage(text: string, stage: StageId): string {
  return applyTextEdits(text, setStageEdits(text, stage));
}

function apply(text: string, edits: TextEdit[]): string {
  return applyTextEdits(text, edits);
}

const WAIVER: NewWaiver = { rule: 'ci.run-tests', path: 'legacy/**', reason: 'old code', until: '2026-01-01' };

describe('foundation: .stage.yml writer', () => {
  describe('setStageEdits', () => {
    it('round-trips a commented, oddly formatted file with only the stage value changed', () => {
      const edits = setStageEdits(COMMENTED, 'production');
      assert.equal(edits.length, 1);
      assert.deepEqual(edits[0].range, { start: { line: 7, character: 10 }, end: { line: 7, character: 15 } });
      assert.equal(apply(COMMENTED, edits), fixture('commented.after-set-production.stage.yml'));
    });

    it('changes nothing else the parser sees', () => {
      const before = parse(COMMENTED);
      const after = parse(setStage(COMMENTED, 'production'));
      assert.deepEqual(before.problems, []);
      assert.deepEqual(after.problems, []);
      assert.equal(after.config.stage, 'production');
      assert.deepEqual({ ...after.config, stage: before.config.stage }, before.config);
    });

    it('is idempotent: a second application yields no edits', () => {
      for (const stage of STAGE_IDS) {
        const once = setStage(COMMENTED, stage);
        assert.deepEqual(setStageEdits(once, stage), [], stage);
      }
    });

    it('keeps the quoting style: single, double, plain', () => {
      assert.equal(setStage("stage: 'mvp'\n", 'scale'), "stage: 'scale'\n");
      assert.equal(setStage('stage: "mvp"  # quoted\n', 'scale'), 'stage: "scale"  # quoted\n');
      assert.equal(setStage('stage: mvp\n', 'scale'), 'stage: scale\n');
    });

    it('replaces an alias with the stage id, and keeps an id that is already right', () => {
      assert.equal(setStage('stage: prod\n', 'production'), 'stage: production\n');
      assert.deepEqual(setStageEdits('stage: production\n', 'production'), []);
    });

    it('inserts a missing stage as the first key, after leading comments', () => {
      assert.equal(
        setStage('# our service\nname: x\nignore: [dist/**]\n', 'scale'),
        '# our service\nstage: scale\nname: x\nignore: [dist/**]\n',
      );
    });

    it('fills an empty `stage:` without touching the next key', () => {
      const result = setStage('stage:\nname: x\n', 'mvp');
      assert.equal(result, 'stage: mvp\nname: x\n');
      assert.equal(parse(result).config.name, 'x');
    });

    it('writes a new file for empty input, and keeps unusable content as comments', () => {
      assert.equal(setStage('', 'mvp'), 'stage: mvp\n');
      assert.equal(setStage('\n\n', 'mvp'), 'stage: mvp\n');
      assert.equal(setStage('- a\n- b\n', 'mvp'), '# - a\n# - b\nstage: mvp\n');
      assert.equal(parse(setStage('- a\n- b\n', 'mvp')).config.stage, 'mvp');
    });
  });

  describe('newStageFileText', () => {
    it('writes a commented file that parses cleanly to the stage and name', () => {
      for (const stage of STAGE_IDS) {
        const text = newStageFileText(builtinMatrix(), stage, 'Payments "API": v2');
        const result = parse(text);
        assert.deepEqual(result.problems, [], stage);
        assert.equal(result.config.stage, stage);
        assert.equal(result.config.name, 'Payments "API": v2');
        assert.match(text, /^# /, 'starts with an explaining comment');
      }
    });

    it('names the stage and its goal in a comment and has no name key without a name', () => {
      const text = newStageFileText(builtinMatrix(), 'mvp');
      assert.ok(text.includes('# Minimum Viable Product (MVP): Build a functional product\n'));
      assert.ok(!/^name:/m.test(text));
      assert.ok(text.endsWith('stage: mvp\n'));
    });
  });

  describe('addWaiverEdits', () => {
    it('appends to an existing block list with its indentation; comments survive', () => {
      const result = apply(COMMENTED, addWaiverEdits(COMMENTED, WAIVER));
      const expected = COMMENTED.replace(
        '        until: 2099-12-31\n',
        '        until: 2099-12-31\n    - rule: ci.run-tests\n      paths: ["legacy/**"]\n      reason: "old code"\n      until: 2026-01-01\n',
      );
      assert.equal(result, expected);
    });

    it('the parser sees the added waiver, after the existing one', () => {
      const result = parse(apply(COMMENTED, addWaiverEdits(COMMENTED, WAIVER)));
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        result.config.waivers.map(({ rule, paths, reason, until }) => ({ rule, paths, reason, until })),
        [
          { rule: 'docker.pin-base-image', paths: [], reason: 'Dev image, rebuilt daily', until: '2099-12-31' },
          { rule: 'ci.run-tests', paths: ['legacy/**'], reason: 'old code', until: '2026-01-01' },
        ],
      );
    });

    it('does not add the same waiver twice', () => {
      const once = apply(COMMENTED, addWaiverEdits(COMMENTED, WAIVER));
      assert.deepEqual(addWaiverEdits(once, WAIVER), []);
      assert.deepEqual(addWaiverEdits(once, { ...WAIVER, reason: 'another reason' }), [], 'same rule and path is the same waiver');
      assert.notDeepEqual(addWaiverEdits(once, { ...WAIVER, path: 'other/**' }), [], 'another path is another waiver');
    });

    it('creates the waivers key at the end when absent (with or without a final newline)', () => {
      const expected = 'stage: mvp\nwaivers:\n  - rule: ci.run-tests\n    reason: "why \\"not\\""\n';
      const waiver = { rule: 'ci.run-tests', reason: 'why "not"' };
      assert.equal(apply('stage: mvp\n', addWaiverEdits('stage: mvp\n', waiver)), expected);
      assert.equal(apply('stage: mvp', addWaiverEdits('stage: mvp', waiver)), expected);
      assert.equal(parse(expected).config.waivers[0].reason, 'why "not"');
      const twice = apply(expected, addWaiverEdits(expected, waiver));
      assert.equal(twice, expected, 'a waiver without paths is found again too');
    });

    it('fills an empty `waivers:` or an empty flow list in place', () => {
      const expected =
        'stage: mvp\nwaivers:\n  - rule: ci.run-tests\n    paths: ["legacy/**"]\n    reason: "old code"\n    until: 2026-01-01\nname: x\n';
      assert.equal(apply('stage: mvp\nwaivers:\nname: x\n', addWaiverEdits('stage: mvp\nwaivers:\nname: x\n', WAIVER)), expected);
      assert.equal(apply('stage: mvp\nwaivers: []\nname: x\n', addWaiverEdits('stage: mvp\nwaivers: []\nname: x\n', WAIVER)), expected);
    });

    it('keeps flow-list items when it rewrites the list as a block list', () => {
      const text = 'stage: mvp\nwaivers: [{rule: docker.pin-base-image, reason: "b c"}]\n';
      const result = parse(apply(text, addWaiverEdits(text, WAIVER)));
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        result.config.waivers.map((waiver) => [waiver.rule, waiver.reason]),
        [
          ['docker.pin-base-image', 'b c'],
          ['ci.run-tests', 'old code'],
        ],
      );
    });
  });

  describe('removeWaiverEdits', () => {
    const two = apply(COMMENTED, addWaiverEdits(COMMENTED, WAIVER));

    it('removes the whole lines of one waiver and keeps the rest', () => {
      const result = apply(two, removeWaiverEdits(two, 0));
      const expected = COMMENTED.replace(
        '    -   rule: docker.pin-base-image\n        reason: >-\n          Dev image,\n          rebuilt daily\n        until: 2099-12-31\n',
        '    - rule: ci.run-tests\n      paths: ["legacy/**"]\n      reason: "old code"\n      until: 2026-01-01\n',
      );
      assert.equal(result, expected);
      assert.deepEqual(
        parse(result).config.waivers.map((waiver) => waiver.rule),
        ['ci.run-tests'],
      );
    });

    it('removing the added waiver restores the original file', () => {
      assert.equal(apply(two, removeWaiverEdits(two, 1)), COMMENTED);
    });

    it('removes a last waiver that has no final newline', () => {
      const text = 'stage: mvp\nwaivers:\n  - rule: a\n    reason: b';
      assert.equal(apply(text, removeWaiverEdits(text, 0)), 'stage: mvp\nwaivers:\n');
    });

    it('does nothing for an index that does not exist or a file without waivers', () => {
      assert.deepEqual(removeWaiverEdits(two, 2), []);
      assert.deepEqual(removeWaiverEdits(two, -1), []);
      assert.deepEqual(removeWaiverEdits('stage: mvp\n', 0), []);
    });
  });

  describe('setWaiverUntilEdits', () => {
    const two = apply(COMMENTED, addWaiverEdits(COMMENTED, WAIVER));

    it('replaces an existing until value only', () => {
      const edits = setWaiverUntilEdits(two, 0, '2030-01-01');
      assert.equal(edits.length, 1);
      assert.equal(apply(two, edits), two.replace('until: 2099-12-31', 'until: 2030-01-01'));
      assert.deepEqual(
        parse(apply(two, edits)).config.waivers.map((waiver) => waiver.until),
        ['2030-01-01', '2026-01-01'],
      );
    });

    it('adds until, aligned with the waiver keys, when it is missing', () => {
      const text = 'stage: mvp\nwaivers:\n  -   rule: ci.run-tests\n      reason: r   # why\nname: x\n';
      const result = apply(text, setWaiverUntilEdits(text, 0, '2026-02-01'));
      assert.equal(result, 'stage: mvp\nwaivers:\n  -   rule: ci.run-tests\n      reason: r   # why\n      until: 2026-02-01\nname: x\n');
      assert.equal(parse(result).config.waivers[0].until, '2026-02-01');
    });

    it('is idempotent and ignores a missing waiver', () => {
      assert.deepEqual(setWaiverUntilEdits(two, 1, '2026-01-01'), []);
      assert.deepEqual(setWaiverUntilEdits(two, 5, '2026-01-01'), []);
    });

    it('keeps the quoting of a quoted date', () => {
      const text = 'stage: mvp\nwaivers:\n  - rule: a\n    reason: b\n    until: "2025-01-01"\n';
      assert.equal(apply(text, setWaiverUntilEdits(text, 0, '2026-01-01')), text.replace('"2025-01-01"', '"2026-01-01"'));
    });
  });
});
