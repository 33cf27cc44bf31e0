import { strict as assert } from 'node:assert';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { findConcern } from '../../../src/core/matrix/matrixQueries';
import { stageAfter, stageIndex, compareStages } from '../../../src/core/stages';
import { computeUpgrade } from '../../../src/core/upgrades';
import { governingFrom } from '../../../src/core/workspace/stageResolution';
import { CONCERN_IDS, readSeedTable } from './seedTable';

describe('foundation: upgrades between stages', () => {
  const matrix = builtinMatrix();
  const seed = readSeedTable();
  const seedText = (concernId: string, column: number) =>
    seed.rows[CONCERN_IDS.indexOf(concernId as (typeof CONCERN_IDS)[number])].cells[column];

  it('mvp → production lists all 12 concerns, most changed first', () => {
    const upgrade = computeUpgrade(matrix, 'mvp', 'production');
    assert.equal(upgrade.from, 'mvp');
    assert.equal(upgrade.to, 'production');
    assert.deepEqual(upgrade.concerns.map((concern) => concern.concern.id).sort(), [...CONCERN_IDS].sort());
    for (let i = 1; i < upgrade.concerns.length; i++) {
      assert.ok(upgrade.concerns[i - 1].change >= upgrade.concerns[i].change, `sorted by change at ${i}`);
    }
    for (const concern of upgrade.concerns) {
      assert.ok(concern.change > 0 && concern.change <= 1, `${concern.concern.id} changes (every seed cell differs)`);
    }
  });

  it('mvp → production carries the seed texts verbatim', () => {
    for (const concern of computeUpgrade(matrix, 'mvp', 'production').concerns) {
      assert.equal(concern.currentText, seedText(concern.concern.id, 1), `${concern.concern.id} now`);
      assert.equal(concern.nextText, seedText(concern.concern.id, 2), `${concern.concern.id} next`);
      assert.equal(concern.from, 'mvp');
      assert.equal(concern.to, 'production');
    }
  });

  it("mvp → production's new practices are the production cell's", () => {
    let total = 0;
    for (const concern of computeUpgrade(matrix, 'mvp', 'production').concerns) {
      const cell = findConcern(matrix, concern.concern.id)!.cells.production;
      assert.deepEqual(concern.newPractices, cell.practices, concern.concern.id);
      total += concern.newPractices.length;
    }
    assert.ok(total >= 24, `production adds at least 2 practices per concern (got ${total})`);
  });

  it('prototype → scale includes the practices of mvp, production and scale, in that order', () => {
    for (const concern of computeUpgrade(matrix, 'prototype', 'scale').concerns) {
      const cells = findConcern(matrix, concern.concern.id)!.cells;
      const expected = [...cells.mvp.practices, ...cells.production.practices, ...cells.scale.practices];
      assert.deepEqual(
        concern.newPractices.map((practice) => practice.id),
        expected.map((practice) => practice.id),
        concern.concern.id,
      );
      assert.ok(!concern.newPractices.some((practice) => practice.id.includes('/prototype/')), 'nothing from the current stage');
      assert.equal(concern.currentText, seedText(concern.concern.id, 0));
      assert.equal(concern.nextText, seedText(concern.concern.id, 3));
    }
  });

  it('a per-concern stage starts that concern from its own stage', () => {
    const upgrade = computeUpgrade(matrix, 'mvp', 'production', (id) => (id === 'security' ? 'prototype' : undefined));
    const security = upgrade.concerns.find((concern) => concern.concern.id === 'security')!;
    assert.equal(security.from, 'prototype');
    assert.equal(security.currentText, 'Minimal (if any)');
    const cells = findConcern(matrix, 'security')!.cells;
    assert.deepEqual(security.newPractices, [...cells.mvp.practices, ...cells.production.practices]);
  });

  it('an unchanged concern scores 0 and ties keep the matrix order', () => {
    const upgrade = computeUpgrade(matrix, 'mvp', 'production', () => 'production');
    assert.ok(upgrade.concerns.every((concern) => concern.change === 0 && concern.newPractices.length === 0));
    assert.deepEqual(
      upgrade.concerns.map((concern) => concern.concern.id),
      [...CONCERN_IDS],
    );
  });

  it('enterprise is the last stage: no stage after it, and no next when declared', () => {
    assert.equal(stageAfter('enterprise'), undefined);
    assert.equal(stageAfter('scale'), 'enterprise');
    assert.equal(stageAfter('prototype'), 'mvp');
    assert.equal(stageIndex('enterprise'), 4);
    assert.ok(compareStages('mvp', 'scale') < 0);
    const governing = governingFrom({
      path: '/ws/.stage.yml',
      dir: '/ws',
      text: 'stage: enterprise\n',
      config: { stage: 'enterprise', concerns: {}, rules: {}, ignore: [], waivers: [] },
      problems: [],
      matrix,
    });
    assert.equal(governing.stage, 'enterprise');
    assert.equal(governing.next, undefined);
  });
});
