import * as assert from 'node:assert/strict';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { STAGE_IDS } from '../../../src/core/stages';
import { governingFrom } from '../../../src/core/workspace/stageResolution';
import { buildSidebarModel } from '../../../src/extension/sidebar/viewModel';
import type { SidebarModel, SidebarStageModel } from '../../../src/shared/messages';
import { readSeedTable } from '../foundation/seedTable';
import { governingFor, STAGE_FILE_VIEW } from './governingFixture';

const seed = readSeedTable();

function stageModel(model: SidebarModel): SidebarStageModel {
  assert.equal(model.kind, 'stage');
  return model as SidebarStageModel;
}

async function sidebarFor(text: string, files: Record<string, string> = {}): Promise<SidebarStageModel> {
  return stageModel(buildSidebarModel({ governing: await governingFor(text, files), stageFile: STAGE_FILE_VIEW }));
}

describe('sidebar view model', () => {
  it('is the "open a folder" empty state without a workspace folder', () => {
    assert.deepEqual(buildSidebarModel({ governing: undefined }), { kind: 'empty', reason: 'no-folder' });
  });

  it('is the "create .stage.yml" empty state when no .stage.yml governs', () => {
    assert.deepEqual(buildSidebarModel({ governing: governingFrom(undefined) }), { kind: 'empty', reason: 'no-stage-file' });
  });

  STAGE_IDS.forEach((stage, column) => {
    it(`shows ${stage}: its seed name and goal, and all 12 concerns with the seed's cell text verbatim`, async () => {
      const model = await sidebarFor(`stage: ${stage}\n`);
      assert.equal(model.stage?.id, stage);
      assert.equal(model.stage?.name, seed.stageNames[column]);
      assert.equal(model.stage?.goal, seed.rows.find((row) => row.name === 'Goal')?.cells[column]);
      assert.deepEqual(
        model.concerns.map((concern) => [concern.name, concern.text]),
        seed.rows.map((row) => [row.name, row.cells[column]]),
      );
      assert.equal(model.concerns.length, 12);
      assert.deepEqual(model.stageFile, STAGE_FILE_VIEW);
      assert.equal(model.problems.count, 0);
    });

    it(`lists the matrix's practices of each concern at ${stage}, with title, rationale and link`, async () => {
      const model = await sidebarFor(`stage: ${stage}\n`);
      for (const concern of model.concerns) {
        const cell = builtinMatrix().concerns.find((candidate) => candidate.id === concern.id)?.cells[stage];
        assert.deepEqual(
          concern.practices.map(({ id, title, rationale, link }) => ({ id, title, rationale, link })),
          (cell?.practices ?? []).map(({ id, title, rationale, link }) => ({ id, title, rationale, link })),
        );
      }
    });
  });

  it('compares each concern with the next stage: its seed text and the practices new there', async () => {
    const model = await sidebarFor('stage: mvp\n');
    assert.equal(model.next?.shortName, 'Production-Ready');
    const productionColumn = seed.stageNames.indexOf('Production-Ready System');
    for (const concern of model.concerns) {
      const row = seed.rows.find((candidate) => candidate.name === concern.name);
      assert.equal(concern.next?.stage.id, 'production');
      assert.equal(concern.next?.text, row?.cells[productionColumn]);
      const productionPractices = builtinMatrix().concerns.find((c) => c.id === concern.id)?.cells.production.practices ?? [];
      assert.deepEqual(
        concern.next?.newPractices.map((p) => p.id),
        productionPractices.map((p) => p.id),
      );
    }
  });

  it('has no next stage at the last stage', async () => {
    const model = await sidebarFor('stage: enterprise\n');
    assert.equal(model.next, undefined);
    assert.ok(model.concerns.every((concern) => concern.next === undefined));
  });

  it('uses `next:` as the target and gathers the practices of every stage up to it', async () => {
    const model = await sidebarFor('stage: mvp\nnext: scale\n');
    assert.equal(model.next?.id, 'scale');
    const security = model.concerns.find((concern) => concern.id === 'security');
    const cells = builtinMatrix().concerns.find((c) => c.id === 'security')?.cells;
    assert.equal(security?.next?.stage.id, 'scale');
    assert.deepEqual(
      security?.next?.newPractices.map((p) => p.id),
      [...(cells?.production.practices ?? []), ...(cells?.scale.practices ?? [])].map((p) => p.id),
    );
  });

  it('respects per-concern stage overrides, and shows `name:`', async () => {
    const model = await sidebarFor('stage: mvp\nname: Payments API\nconcerns:\n  security: production\n');
    assert.equal(model.displayName, 'Payments API');
    const security = model.concerns.find((concern) => concern.id === 'security');
    assert.equal(security?.stage.id, 'production');
    assert.equal(security?.stageOverridden, true);
    assert.equal(security?.text, 'Role-based access, encrypted storage');
    assert.equal(security?.next?.stage.id, 'scale');
    const testing = model.concerns.find((concern) => concern.id === 'testing-deployment');
    assert.equal(testing?.stageOverridden, false);
    assert.equal(testing?.text, 'Unit tests, Manual Deployment');
  });

  it('names the first problem of an invalid .stage.yml at its range, with no concerns when no stage is valid', async () => {
    const model = await sidebarFor('# team file\nstage: mvpp\n');
    assert.equal(model.stage, undefined);
    assert.deepEqual(model.concerns, []);
    assert.equal(model.problems.errorCount, 1);
    const first = model.problems.first;
    assert.equal(first?.code, 'unknown-stage');
    assert.equal(first?.line, 2);
    assert.equal(first?.location.uri, STAGE_FILE_VIEW.uri);
    assert.deepEqual(first?.location.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
  });

  it('keeps the valid parts: a bad key elsewhere leaves the stage and its concerns in place', async () => {
    const model = await sidebarFor('stage: production\nrules:\n  some-rule: loud\nstagee: mvp\n');
    assert.equal(model.stage?.id, 'production');
    assert.equal(model.concerns.length, 12);
    assert.equal(model.problems.count, 2);
    // Errors come before warnings, whatever their order in the file.
    assert.equal(model.problems.first?.code, 'bad-rule-level');
  });

  it('shows a team matrix override verbatim, marks it, and drops links that are not http(s)', async () => {
    const team = [
      'concerns:',
      '  - id: security',
      '    cells:',
      '      mvp:',
      '        text: "<img src=x onerror=alert(1)>"',
      '        practices:',
      '          - { id: security/mvp/team-a, title: Team practice, rationale: Why, link: "javascript:alert(1)" }',
      '          - { id: security/mvp/team-b, title: Team practice B, rationale: Why, link: "https://example.com/b" }',
      '',
    ].join('\n');
    const model = await sidebarFor('stage: mvp\nmatrix: team-matrix.yml\n', { '/ws/team-matrix.yml': team });
    const security = model.concerns.find((concern) => concern.id === 'security');
    assert.equal(security?.text, '<img src=x onerror=alert(1)>');
    assert.equal(security?.textFromTeam, true);
    const teamPractices = security?.practices.filter((p) => p.origin === 'team') ?? [];
    assert.deepEqual(
      teamPractices.map((p) => [p.id, p.link]),
      [
        ['security/mvp/team-a', undefined],
        ['security/mvp/team-b', 'https://example.com/b'],
      ],
    );
  });
});
