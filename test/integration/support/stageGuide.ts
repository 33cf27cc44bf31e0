// Reaching the extension under test from inside the extension host.
import * as vscode from 'vscode';
import type { StageGuideExports, TestProbes } from '../../../src/extension/featureContract';
import { waitFor } from '../../../scripts/code-server/waitFor';
import packageJson from '../../../package.json';

export const EXTENSION_ID = `${packageJson.publisher}.${packageJson.name}`;

export function stageGuideExtension(): vscode.Extension<StageGuideExports> {
  const extension = vscode.extensions.getExtension<StageGuideExports>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/** The public API and the test-only probes, as one object for the tests' convenience. */
export type StageGuideTestApi = TestProbes & { activationMs: number };

/**
 * Waits until the extension has been activated by its own activation events (the tests never
 * call activate() themselves, so this also proves the events fire) and returns its public API
 * with the probes it hands out in a test-mode extension host only (`__testProbes`).
 * The default deadline stays under mocha's 30 s per test.
 */
export async function activatedApi(timeoutMs = 25_000): Promise<StageGuideTestApi> {
  const extension = stageGuideExtension();
  await waitFor(() => extension.isActive, { description: `${EXTENSION_ID} to activate`, timeoutMs });
  const { activationMs, __testProbes: probes } = extension.exports;
  if (!probes)
    throw new Error(`${EXTENSION_ID} handed out no test probes: is this extension host running in test mode (--extensionTestsPath)?`);
  return { ...probes, activationMs };
}
