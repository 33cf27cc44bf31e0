// Reaching the extension under test from inside the extension host.
import * as vscode from 'vscode';
import type { StageGuideApi } from '../../../src/extension/extension';
import { waitFor } from '../../../scripts/code-server/waitFor';
import packageJson from '../../../package.json';

export const EXTENSION_ID = `${packageJson.publisher}.${packageJson.name}`;

export function stageGuideExtension(): vscode.Extension<StageGuideApi> {
  const extension = vscode.extensions.getExtension<StageGuideApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/**
 * Waits until the extension has been activated by its own activation events (the tests never
 * call activate() themselves, so this also proves the events fire) and returns its API.
 * The default deadline stays under mocha's 30 s per test.
 */
export async function activatedApi(timeoutMs = 25_000): Promise<StageGuideApi> {
  const extension = stageGuideExtension();
  await waitFor(() => extension.isActive, { description: `${EXTENSION_ID} to activate`, timeoutMs });
  return extension.exports;
}
