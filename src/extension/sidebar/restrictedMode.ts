// The Restricted Mode notice of the sidebar and the upgrades checklist: which parts the core's
// trust policy keeps off in an untrusted workspace, for the file in view. Pure (no `vscode`), so
// it is unit-tested.
import { isAllowed } from '../../core/workspace/trustPolicy';
import type { RestrictedModeView, SidebarModel, UpgradesModel } from '../../shared/messages';

export interface RestrictedModeInput {
  /** `workspace.isTrusted`. */
  trusted: boolean;
  /** The user's evidence setting: a scan they switched off is not "off because of trust". */
  scanEnabled: boolean;
  /** The governing `.stage.yml` names a team matrix (`matrix:`). */
  namesTeamMatrix: boolean;
}

/** The sidebar model with `restricted` set when something it would show is off for want of trust. */
export function withRestrictedMode(model: SidebarModel, input: RestrictedModeInput): SidebarModel {
  if (model.kind !== 'stage') return model;
  // The scan only ever runs for a valid stage, so only then is it missing.
  const restricted = restrictedView(model.stage !== undefined, input);
  return restricted ? { ...model, restricted } : model;
}

/** The upgrades checklist, likewise: its statuses and findings come from the scan. */
export function withRestrictedUpgrades(model: UpgradesModel, input: RestrictedModeInput): UpgradesModel {
  if (model.kind !== 'upgrade') return model;
  const restricted = restrictedView(true, input);
  return restricted ? { ...model, restricted } : model;
}

function restrictedView(scanWouldRun: boolean, input: RestrictedModeInput): RestrictedModeView | undefined {
  const scanOff = scanWouldRun && input.scanEnabled && !isAllowed('workspace-scan', input.trusted);
  const teamMatrixOff = input.namesTeamMatrix && !isAllowed('team-matrix', input.trusted);
  return scanOff || teamMatrixOff ? { scanOff, teamMatrixOff } : undefined;
}
