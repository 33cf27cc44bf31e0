import * as assert from 'node:assert/strict';
import { governingFrom } from '../../../src/core/workspace/stageResolution';
import { buildMatrixModel } from '../../../src/extension/panels/matrixModel';
import { readSeedTable } from '../foundation/seedTable';
import { governingFor, STAGE_FILE_VIEW } from './governingFixture';

describe('matrix view model', () => {
  it('has all five stages as columns and every concern with the seed text of each', () => {
    const model = buildMatrixModel({ governing: governingFrom(undefined) });
    const seed = readSeedTable();
    assert.deepEqual(
      model.stages.map((stage) => stage.name),
      seed.stageNames,
    );
    assert.deepEqual(
      model.concerns.map((concern) => [concern.name, ...concern.cells.map((cell) => cell.text)]),
      seed.rows.map((row) => [row.name, ...row.cells]),
    );
    assert.ok(model.stages.every((stage) => !stage.governing));
    assert.equal(model.stageFile, undefined);
  });

  it("highlights the governing stage's column, and an overridden concern's own cell", async () => {
    const model = buildMatrixModel({
      governing: await governingFor('stage: production\nconcerns:\n  security: scale\n'),
      stageFile: STAGE_FILE_VIEW,
    });
    assert.deepEqual(
      model.stages.filter((stage) => stage.governing).map((stage) => stage.id),
      ['production'],
    );
    assert.equal(model.governingStage?.shortName, 'Production-Ready');
    assert.deepEqual(model.stageFile, STAGE_FILE_VIEW);
    const security = model.concerns.find((concern) => concern.id === 'security');
    assert.deepEqual(
      security?.cells.filter((cell) => cell.governing).map((cell) => cell.stage),
      ['scale'],
    );
    const goal = model.concerns.find((concern) => concern.id === 'goal');
    assert.deepEqual(
      goal?.cells.filter((cell) => cell.governing).map((cell) => cell.stage),
      ['production'],
    );
  });
});
