// The sidebar's Restricted Mode notice: which parts the core's trust policy keeps off in an
// untrusted workspace, for the file in view. Pure (no `vscode`), so it is unit-tested.
import { isAllowed } from '../../core/workspace/trustPolicy';
import type { SidebarModel } from '../../shared/messages';

export interface RestrictedModeInput {
  /** `workspace.isTrusted`. */
  trusted: boolean;
  /** The user's evidence setting: a scan they switched off is not "off because of trust". */
  scanEnabled: boolean;
  /** The governing `.stage.yml` names a team matrix (`matrix:`). */
  namesTeamMatrix: boolean;
}

/** The model with `restricted` set when something it would show is off for want of trust. */
export function withRestrictedMode(model: SidebarModel, input: RestrictedModeInput): SidebarModel {
  if (model.kind !== 'stage') return model;
  // The scan only ever runs for a valid stage, so only then is it missing.
  const scanOff = model.stage !== undefined && input.scanEnabled && !isAllowed('workspace-scan', input.trusted);
  const teamMatrixOff = input.namesTeamMatrix && !isAllowed('team-matrix', input.trusted);
  if (!scanOff && !teamMatrixOff) return model;
  return { ...model, restricted: { scanOff, teamMatrixOff } };
}
