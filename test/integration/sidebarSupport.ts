// Shared by the sidebar and panels suites: the seed table (what the views must show verbatim),
// and waits on what the views show, read through the extension's API (never fixed sleeps).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageGuideTestApi } from './support/stageGuide';
import type { PanelSnapshot } from '../../src/extension/panels/modelPanel';
import type { SidebarModel, SidebarStageModel } from '../../src/shared/messages';
import { stageGuideApi, waitFor } from './commandsSandbox';
import { stageGuideExtension } from './support/stageGuide';
import { posixDirname } from '../../src/core/fileSystem';

/**
 * Deadline for the views to catch up with a change. Longer than the commands' SETTLE_MS: a
 * webview's first load (iframe, service worker, script) is slow on a busy machine.
 */
export const VIEW_SETTLE_MS = 25_000;

/** mocha timeout for tests that wait on webviews (the in-host default is 30 s). */
export const VIEW_TEST_TIMEOUT_MS = 90_000;

export interface Seed {
  stageNames: string[];
  rows: Array<{ name: string; cells: string[] }>;
}

/** The repository's byte-identical copy of the seed table, read from the extension's folder. */
export async function readSeed(): Promise<Seed> {
  const uri = vscode.Uri.joinPath(stageGuideExtension().extensionUri, 'test', 'fixtures', 'system-design-by-stage.tsv');
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n');
  const header = lines.findIndex((line) => line.startsWith('Concern\t'));
  assert.ok(header >= 0, 'the seed table has no header row');
  return {
    stageNames: lines[header].split('\t').slice(1),
    rows: lines
      .slice(header + 1)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [name, ...cells] = line.split('\t');
        return { name, cells };
      }),
  };
}

/** The seed's column for a stage, concern by concern: [name, text]. */
export function seedColumn(seed: Seed, column: number): Array<[string, string]> {
  return seed.rows.map((row) => [row.name, row.cells[column]]);
}

/**
 * The extension's API with the sidebar and panels parts. Suites call it before creating their
 * sandbox, so a build without these features fails at once instead of waiting out every test.
 */
export async function viewsApi(): Promise<Required<Pick<StageGuideTestApi, 'sidebar' | 'panels'>>> {
  const api = await stageGuideApi();
  assert.ok(api.sidebar && api.panels, 'the extension exposes no sidebar/panels API: is the views feature registered in FEATURES?');
  return { sidebar: api.sidebar, panels: api.panels };
}

/** Waits until the sidebar's model satisfies `accept`; the timeout message shows what it showed instead. */
export async function sidebarShows(
  description: string,
  accept: (model: SidebarModel) => boolean,
  timeoutMs = VIEW_SETTLE_MS,
): Promise<SidebarModel> {
  const { sidebar } = await viewsApi();
  try {
    return await waitFor(
      () => {
        const model = sidebar.lastModel();
        return model !== undefined && accept(model) && model;
      },
      { description, timeoutMs, pollMs: 25 },
    );
  } catch (error) {
    // The window's focus too: a flake's report says whether the workbench took the window for focused.
    throw new Error(
      `${(error as Error).message}; the sidebar shows ${summarise(sidebar.lastModel())}; window focused: ${vscode.window.state.focused}; ${await staleViewReport().catch((failure: Error) => `no report: ${failure.message}`)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Where a view that did not follow a change kept its state (the multi-root flake of issue 13 showed a deleted
 * `.stage.yml` still governing for 25 s): the active file, what the stage service finds for it now (a fresh look at
 * the disk), whether the view is on screen, and what one more refresh shows. Each step bounded: a report never hangs.
 */
async function staleViewReport(): Promise<string> {
  const api = await stageGuideApi();
  const bounded = <T>(work: Promise<T>): Promise<T | string> =>
    Promise.race([work, new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000))]);
  const active = vscode.window.activeTextEditor?.document.uri;
  const before = api.services.stageService.diagnostics(active ? posixDirname(active.path) : undefined);
  const found = active
    ? await bounded(api.services.stageService.stageFilePathFor(active).catch((error: Error) => `failed: ${error.message}`))
    : 'no active file';
  const { sidebar } = await viewsApi();
  const refreshed = await bounded(sidebar.refresh().then(() => summarise(sidebar.lastModel())));
  const service = JSON.stringify(before);
  return `active file: ${active?.path ?? 'none'}; the stage service finds now: ${found ?? 'no .stage.yml'} (before that, it had ${service}); view visible: ${sidebar.isVisible()}; after one more refresh: ${refreshed}`;
}

/** Waits until the sidebar shows a declared stage (optionally from a given `.stage.yml`). */
export async function sidebarShowsStage(stage: string, stageFileUri?: vscode.Uri, timeoutMs = VIEW_SETTLE_MS): Promise<SidebarStageModel> {
  const model = await sidebarShows(
    `the sidebar to show ${stage}${stageFileUri ? ` from ${stageFileUri.path}` : ''}`,
    (candidate) =>
      candidate.kind === 'stage' && candidate.stage?.id === stage && (!stageFileUri || candidate.stageFile.uri === stageFileUri.toString()),
    timeoutMs,
  );
  return model as SidebarStageModel;
}

export async function panelShows<K extends 'upgrades' | 'matrix'>(
  kind: K,
  description: string,
  accept: (snapshot: PanelSnapshot<K>) => boolean,
): Promise<PanelSnapshot<K>> {
  const { panels } = await viewsApi();
  const read = (): PanelSnapshot<K> | undefined =>
    (kind === 'upgrades' ? panels.upgrades() : panels.matrix()) as PanelSnapshot<K> | undefined;
  try {
    return await waitFor(
      () => {
        const snapshot = read();
        return snapshot !== undefined && accept(snapshot) && snapshot;
      },
      { description, timeoutMs: VIEW_SETTLE_MS, pollMs: 25 },
    );
  } catch (error) {
    const snapshot = read();
    throw new Error(
      `${(error as Error).message}; the panel shows ${snapshot ? JSON.stringify({ title: snapshot.title, kind: snapshot.model, rendered: snapshot.rendered }).slice(0, 400) : 'nothing'}`,
      { cause: error },
    );
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(() => vscode.window.tabGroups.all.every((group) => group.tabs.length === 0), {
    description: 'every editor to close',
    timeoutMs: VIEW_SETTLE_MS,
  });
}

function summarise(model: SidebarModel | undefined): string {
  if (!model) return 'nothing';
  if (model.kind === 'empty') return `the empty state (${model.reason})`;
  return `${model.stage?.id ?? 'no stage'} from ${model.stageFile.label} (${model.problems.count} problems)`;
}
