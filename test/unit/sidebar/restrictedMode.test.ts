import { strict as assert } from 'node:assert';
import { withRestrictedMode } from '../../../src/extension/sidebar/restrictedMode';
import type { SidebarModel, SidebarStageModel } from '../../../src/shared/messages';
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

  it('an empty sidebar (no .stage.yml) has nothing to explain', () => {
    const empty: SidebarModel = { kind: 'empty', reason: 'no-stage-file' };
    assert.equal(withRestrictedMode(empty, { trusted: false, scanEnabled: true, namesTeamMatrix: false }), empty);
  });

  it('the notice\'s button may open the trust editor (allowlisted), and nothing else of the workbench', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'runCommand', command: 'workbench.trust.manage' }), { type: 'runCommand', command: 'workbench.trust.manage' });
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.manageTrustedDomain' }), undefined);
  });
});
