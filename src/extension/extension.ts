// Entry point: wires the extension's features into VS Code and nothing else.
// Features live in their own modules and are listed in features.ts.
import * as vscode from 'vscode';
import { measureActivation } from './activationTiming';
import { createServices, FEATURES } from './features';
import type { StageGuideApi } from './features';

export type { StageGuideApi } from './features';

export function activate(context: vscode.ExtensionContext): Promise<StageGuideApi> {
  return measureActivation(
    () => wireFeatures(context),
    (message) => void vscode.window.showErrorMessage(message),
  );
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}

/** Creates the shared services, registers every feature, and merges their API parts. */
function wireFeatures(context: vscode.ExtensionContext): Omit<StageGuideApi, 'activationMs'> {
  const services = createServices(context);
  let api: Omit<StageGuideApi, 'activationMs'> = { services };
  for (const feature of FEATURES) api = { ...api, ...feature(context, services) };
  return api;
}
