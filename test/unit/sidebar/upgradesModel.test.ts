import * as assert from 'node:assert/strict';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { governingFrom } from '../../../src/core/workspace/stageResolution';
import { buildUpgradesModel } from '../../../src/extension/panels/upgradesModel';
import type { UpgradesModel } from '../../../src/shared/messages';
import { readSeedTable } from '../foundation/seedTable';
import { governingFor, STAGE_FILE_VIEW } from './governingFixture';

const fallbackTitle = 'Next-Stage Upgrades';

async function upgradesFor(text: string): Promise<UpgradesModel> {
  return buildUpgradesModel({ governing: await governingFor(text), stageFile: STAGE_FILE_VIEW, fallbackTitle });
}

type Upgrade = Extract<UpgradesModel, { kind: 'upgrade' }>;

function upgrade(model: UpgradesModel): Upgrade {
  assert.equal(model.kind, 'upgrade');
  return model as Upgrade;
}

describe('upgrades view model', () => {
  it("is titled with the two stages' short names", async () => {
    assert.equal((await upgradesFor('stage: mvp\n')).title, 'MVP → Production-Ready');
    assert.equal((await upgradesFor('stage: prototype\n')).title, 'Prototype → MVP');
    assert.equal((await upgradesFor('stage: mvp\nnext: scale\n')).title, 'MVP → At Scale');
  });

  it('gives every concern its current and next seed text and the practices new at the next stage', async () => {
    const model = upgrade(await upgradesFor('stage: mvp\n'));
    const seed = readSeedTable();
    const mvp = seed.stageNames.indexOf('Minimum Viable Product (MVP)');
    assert.equal(model.concerns.length, 12);
    for (const concern of model.concerns) {
      const row = seed.rows.find((candidate) => candidate.name === concern.name);
      assert.equal(concern.currentText, row?.cells[mvp]);
      assert.equal(concern.nextText, row?.cells[mvp + 1]);
      const expected = builtinMatrix().concerns.find((c) => c.id === concern.id)?.cells.production.practices ?? [];
      assert.deepEqual(
        concern.newPractices.map((p) => p.id),
        expected.map((p) => p.id),
      );
      assert.equal(concern.alreadyThere, false);
    }
  });

  it('lists the concerns that change most first', async () => {
    const model = upgrade(await upgradesFor('stage: prototype\n'));
    const changes = model.concerns.map((concern) => concern.change);
    assert.deepEqual(
      changes,
      [...changes].sort((a, b) => b - a),
    );
    assert.ok(changes[0] > changes[changes.length - 1], 'the scores should differ between concerns');
  });

  it('marks a concern whose override is already at the target', async () => {
    const model = upgrade(await upgradesFor('stage: mvp\nconcerns:\n  security: scale\n'));
    const security = model.concerns.find((concern) => concern.id === 'security');
    assert.equal(security?.alreadyThere, true);
    assert.equal(security?.stageOverridden, true);
    assert.equal(security?.from.id, 'scale');
  });

  it('says there is no next stage at the last stage', async () => {
    const model = await upgradesFor('stage: enterprise\n');
    assert.equal(model.kind, 'last-stage');
    assert.equal(model.title, fallbackTitle);
  });

  it('offers to create a .stage.yml when none governs', () => {
    assert.deepEqual(buildUpgradesModel({ governing: governingFrom(undefined), fallbackTitle }), {
      kind: 'no-stage-file',
      title: fallbackTitle,
    });
  });

  it('names the problem when the .stage.yml declares no valid stage', async () => {
    const model = await upgradesFor('stage: [mvp]\n');
    assert.equal(model.kind, 'no-stage');
    assert.equal(model.kind === 'no-stage' && model.problems.first?.code, 'wrong-type');
  });
});
