// Entry point: wires the extension's features into VS Code and nothing else.
// Features live in their own modules and are listed in features.ts.
import * as vscode from 'vscode';
import { measureActivation } from './activationTiming';
import { TEST_PROBES_ENV } from './featureContract';
import type { StageGuideExports, TestProbes } from './featureContract';
import { createServices, FEATURES } from './features';

export type { StageGuideApi } from './featureContract';

export function activate(context: vscode.ExtensionContext): Promise<StageGuideExports> {
  return measureActivation(
    () => wireFeatures(context),
    (message) => void vscode.window.showErrorMessage(message),
  );
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}

/** Creates the shared services and registers every feature; their probes reach the in-host tests only. */
function wireFeatures(context: vscode.ExtensionContext): Omit<StageGuideExports, 'activationMs'> {
  const services = createServices(context);
  let probes: TestProbes = { services };
  for (const feature of FEATURES) probes = { ...probes, ...feature(context, services) };
  return testProbesEnabled(context) ? { __testProbes: probes } : {};
}

/** The in-host tests run with `--extensionTestsPath` (test mode); a bench may opt in through the environment. */
function testProbesEnabled(context: vscode.ExtensionContext): boolean {
  return context.extensionMode === vscode.ExtensionMode.Test || process.env[TEST_PROBES_ENV] === '1';
}
