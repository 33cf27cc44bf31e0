// Workspace Trust as the extension sees it: the core's table (src/core/workspace/trustPolicy.ts)
// decides what runs in Restricted Mode; this only reads `workspace.isTrusted` and passes on the
// moment trust is granted (VS Code restarts the extension host when trust is taken back).
import * as vscode from 'vscode';
import { isAllowed } from '../core/workspace/trustPolicy';
import type { TrustCapability } from '../core/workspace/trustPolicy';

/** Whether the user trusts this window's workspace (always true when Workspace Trust is switched off). */
export function trustedNow(): boolean {
  return vscode.workspace.isTrusted;
}

/** Whether `capability` may run in this window now. */
export function allowedNow(capability: TrustCapability): boolean {
  return isAllowed(capability, trustedNow());
}

/** Calls `listener` once the user trusts the workspace: what was off can start. */
export function onDidGrantTrust(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(listener);
}
