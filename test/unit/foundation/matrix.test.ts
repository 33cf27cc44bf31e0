import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { findConcern, stageGoal, stageInfo } from '../../../src/core/matrix/matrixQueries';
import { STAGE_IDS } from '../../../src/core/stages';
import { CONCERN_IDS, readSeedTable, SEED_FIXTURE, SHARED_SEED, STAGE_ORDER } from './seedTable';

describe('foundation: the built-in matrix (data/matrix.yml)', () => {
  const seed = readSeedTable();
  const matrix = builtinMatrix();

  it('the seed fixture is byte-identical to the shared seed when that exists', () => {
    const fixture = readFileSync(SEED_FIXTURE);
    if (existsSync(SHARED_SEED)) {
      assert.ok(fixture.equals(readFileSync(SHARED_SEED)), `${SEED_FIXTURE} differs from ${SHARED_SEED}`);
    } else {
      // Not a skip: the fixture is then the reference, and the checks below still run against it.
      console.log(`      seed not present; fixture is the reference (${SEED_FIXTURE})`);
    }
    assert.equal(seed.stageNames.length, 5, 'the fixture has five stage columns');
    assert.equal(seed.rows.length, 12, 'the fixture has twelve concern rows');
    for (const row of seed.rows) assert.equal(row.cells.length, 5, `row ${row.name} has five cells`);
  });

  it('has the five stages in order with the seed header as display names', () => {
    assert.deepEqual(
      matrix.stages.map((stage) => stage.id),
      [...STAGE_ORDER],
    );
    assert.deepEqual([...STAGE_IDS], [...STAGE_ORDER]);
    assert.deepEqual(
      matrix.stages.map((stage) => stage.name),
      seed.stageNames,
    );
    assert.deepEqual(seed.stageNames, [
      'Rapid Prototyping',
      'Minimum Viable Product (MVP)',
      'Production-Ready System',
      'System at Scale',
      'Distributed Enterprise System',
    ]);
    for (const stage of matrix.stages) assert.ok(stage.shortName.trim().length > 0, `${stage.id} has a short name`);
  });

  it('has the twelve concerns in seed order with the seed first column as names', () => {
    assert.deepEqual(
      matrix.concerns.map((concern) => concern.id),
      [...CONCERN_IDS],
    );
    assert.deepEqual(
      matrix.concerns.map((concern) => concern.name),
      seed.rows.map((row) => row.name),
    );
    for (const concern of matrix.concerns) assert.equal(concern.origin, 'builtin');
  });

  it('all 60 cells equal the seed text verbatim', () => {
    let compared = 0;
    seed.rows.forEach((row, rowIndex) => {
      const concern = matrix.concerns[rowIndex];
      STAGE_ORDER.forEach((stage, column) => {
        assert.equal(concern.cells[stage].text, row.cells[column], `${concern.id} / ${stage}`);
        compared++;
      });
    });
    assert.equal(compared, 60);
  });

  it('answers goal and stage-info queries from the data', () => {
    assert.equal(stageGoal(matrix, 'mvp'), 'Build a functional product');
    assert.equal(stageInfo(matrix, 'scale').name, 'System at Scale');
    assert.equal(findConcern(matrix, 'security')?.name, 'Security');
    assert.equal(findConcern(matrix, 'no-such-concern'), undefined);
  });

  describe('practices', () => {
    const cells = matrix.concerns.flatMap((concern) => STAGE_ORDER.map((stage) => ({ concern, stage, cell: concern.cells[stage] })));

    it('every one of the 60 cells has 2–4 practices', () => {
      const wrong = cells
        .filter(({ cell }) => cell.practices.length < 2 || cell.practices.length > 4)
        .map(({ concern, stage, cell }) => `${concern.id}/${stage}: ${cell.practices.length}`);
      assert.equal(wrong.length, 0, `${wrong.length} of 60 cells lack 2–4 practices: ${wrong.join(', ')}`);
    });

    it('practice ids are unique and read <concern>/<stage>/<slug>', () => {
      const seen = new Set<string>();
      for (const { concern, stage, cell } of cells) {
        for (const practice of cell.practices) {
          const [idConcern, idStage, slug, ...extra] = practice.id.split('/');
          assert.equal(idConcern, concern.id, `${practice.id}: concern part`);
          assert.equal(idStage, stage, `${practice.id}: stage part`);
          assert.match(slug ?? '', /^[a-z0-9]+(-[a-z0-9]+)*$/, `${practice.id}: slug`);
          assert.deepEqual(extra, [], `${practice.id}: three parts`);
          assert.ok(!seen.has(practice.id), `duplicate practice id ${practice.id}`);
          seen.add(practice.id);
        }
      }
      assert.ok(seen.size >= 120, `only ${seen.size} practice ids to check (60 cells × at least 2)`);
    });

    it('every practice has a title and a one-line rationale, and a link is https', () => {
      const practices = cells.flatMap(({ cell }) => cell.practices);
      assert.ok(practices.length >= 120, `only ${practices.length} practices to check (60 cells × at least 2)`);
      for (const { cell } of cells) {
        for (const practice of cell.practices) {
          assert.ok(practice.title.trim().length > 0, `${practice.id}: title`);
          assert.ok(practice.rationale.trim().length > 0, `${practice.id}: rationale`);
          assert.ok(!practice.rationale.trim().includes('\n'), `${practice.id}: rationale is one line`);
          assert.equal(practice.origin, 'builtin');
          if (practice.link !== undefined) {
            assert.equal(new URL(practice.link).protocol, 'https:', `${practice.id}: link ${practice.link}`);
          }
        }
      }
    });
  });
});
