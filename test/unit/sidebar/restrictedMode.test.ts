import { strict as assert } from 'node:assert';
import { stageFileFromText, governingFrom } from '../../../src/core/workspace/stageResolution';
import { withRestrictedMode, withRestrictedUpgrades } from '../../../src/extension/sidebar/restrictedMode';
import { buildSidebarModel } from '../../../src/extension/sidebar/viewModel';
import { MemoryFileSystem } from '../foundation/memoryFileSystem';
import type { SidebarModel, SidebarStageModel, UpgradesModel } from '../../../src/shared/messages';
import { parseWebviewMessage } from '../../../src/shared/messages';

const stageModel: SidebarStageModel = {
  kind: 'stage',
  stageFile: { label: '.stage.yml', uri: 'file:///ws/.stage.yml' },
  stage: { id: 'mvp', name: 'Minimum Viable Product (MVP)', shortName: 'MVP', goal: 'g' },
  problems: { count: 0, errorCount: 0 },
  concerns: [],
};

describe('sidebar: the Restricted Mode notice', () => {
  it('untrusted: says the scan is off, and the team matrix when `matrix:` names one', () => {
    const model = withRestrictedMode(stageModel, { trusted: false, scanEnabled: true, namesTeamMatrix: true });
    assert.deepEqual(model.kind === 'stage' && model.restricted, { scanOff: true, teamMatrixOff: true });
    const noMatrix = withRestrictedMode(stageModel, { trusted: false, scanEnabled: true, namesTeamMatrix: false });
    assert.deepEqual(noMatrix.kind === 'stage' && noMatrix.restricted, { scanOff: true, teamMatrixOff: false });
  });

  it('trusted: no notice', () => {
    assert.equal(withRestrictedMode(stageModel, { trusted: true, scanEnabled: true, namesTeamMatrix: true }), stageModel);
  });

  it('a scan the user switched off, or one that could not run (no valid stage), is not blamed on trust', () => {
    assert.equal(withRestrictedMode(stageModel, { trusted: false, scanEnabled: false, namesTeamMatrix: false }), stageModel);
    const noStage: SidebarStageModel = { ...stageModel, stage: undefined };
    assert.equal(withRestrictedMode(noStage, { trusted: false, scanEnabled: true, namesTeamMatrix: false }), noStage);
  });

  it('the .stage.yml\'s matrix-not-read (info) is left to the notice and the Problems view: no "has a warning" banner', async () => {
    const text = 'stage: mvp\nmatrix: team-matrix.yml\n';
    const state = await stageFileFromText(new MemoryFileSystem({ '/ws/.stage.yml': text }), '/ws/.stage.yml', text, {
      today: '2025-06-01',
      readTeamMatrix: false,
    });
    assert.deepEqual(
      state.problems.map((problem) => problem.severity),
      ['info'],
    );
    const model = buildSidebarModel({ governing: governingFrom(state), stageFile: { label: '.stage.yml', uri: 'file:///ws/.stage.yml' } });
    assert.deepEqual(model.kind === 'stage' && model.problems, { count: 0, errorCount: 0 });
  });

  it('the upgrades checklist says the same (its statuses and findings come from the scan)', () => {
    const upgrade: UpgradesModel = {
      kind: 'upgrade',
      title: 'Next-Stage Upgrades',
      stageFile: stageModel.stageFile,
      from: stageModel.stage!,
      to: { id: 'production', name: 'Production-Ready System', shortName: 'Production' },
      problems: { count: 0, errorCount: 0 },
      concerns: [],
    };
    const shown = withRestrictedUpgrades(upgrade, { trusted: false, scanEnabled: true, namesTeamMatrix: false });
    assert.deepEqual(shown.kind === 'upgrade' && shown.restricted, { scanOff: true, teamMatrixOff: false });
    assert.equal(withRestrictedUpgrades(upgrade, { trusted: true, scanEnabled: true, namesTeamMatrix: true }), upgrade);
    const lastStage: UpgradesModel = { kind: 'last-stage', title: 't', stageFile: stageModel.stageFile, stage: stageModel.stage! };
    assert.equal(withRestrictedUpgrades(lastStage, { trusted: false, scanEnabled: true, namesTeamMatrix: true }), lastStage);
  });

  it('an empty sidebar (no .stage.yml) has nothing to explain', () => {
    const empty: SidebarModel = { kind: 'empty', reason: 'no-stage-file' };
    assert.equal(withRestrictedMode(empty, { trusted: false, scanEnabled: true, namesTeamMatrix: false }), empty);
  });

  it("the notice's button may open the trust editor (allowlisted), and nothing else of the workbench", () => {
    assert.deepEqual(parseWebviewMessage({ type: 'runCommand', command: 'workbench.trust.manage' }), {
      type: 'runCommand',
      command: 'workbench.trust.manage',
    });
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.manageTrustedDomain' }), undefined);
  });
});
