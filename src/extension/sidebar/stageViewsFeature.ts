// Registers the Stage Guide webviews: the "Stage" sidebar view and the "Show Next-Stage
// Upgrades" and "Show Stage Matrix" panels, all describing the file the user is in.
import * as vscode from 'vscode';
import { governingFrom } from '../../core/workspace/stageResolution';
import type { FeatureServices } from '../features';
import { buildMatrixModel } from '../panels/matrixModel';
import { ModelPanel } from '../panels/modelPanel';
import type { PanelKind, PanelSnapshot } from '../panels/modelPanel';
import { buildUpgradesModel } from '../panels/upgradesModel';
import { ActiveTarget } from './activeTarget';
import { resolveTarget } from './governingView';
import type { ResolvedTarget } from './governingView';
import { SIDEBAR_VIEW_ID, SidebarView } from './sidebarView';
import type { SidebarApi } from './sidebarView';

export const SHOW_UPGRADES_COMMAND = 'stageGuide.showUpgrades';
export const SHOW_MATRIX_COMMAND = 'stageGuide.showMatrix';

/** What the integration tests can ask of the panels without reading their DOM. */
export interface PanelsApi {
  /** The panel in front (or the last one shown, when neither is active). */
  current(): PanelSnapshot | undefined;
  upgrades(): PanelSnapshot<'upgrades'> | undefined;
  matrix(): PanelSnapshot<'matrix'> | undefined;
}

export interface StageViewsApi {
  sidebar: SidebarApi;
  panels: PanelsApi;
}

export function registerStageViews(context: vscode.ExtensionContext, services: FeatureServices): StageViewsApi {
  const { stageService } = services;
  const target = new ActiveTarget();
  const sidebar = new SidebarView(context.extensionUri, stageService, target);

  /** Resolves for the file the user is in; with no folder open, the built-in matrix and nothing declared. */
  const resolveCurrent = async (): Promise<ResolvedTarget | undefined> => {
    const current = target.current();
    return current ? resolveTarget(stageService, current) : undefined;
  };
  const upgrades = new ModelPanel('upgrades', 'stageGuide.upgrades', context.extensionUri, async () => {
    const fallbackTitle = vscode.l10n.t('Next-Stage Upgrades');
    const resolved = await resolveCurrent();
    const model = resolved
      ? buildUpgradesModel({ ...resolved, fallbackTitle })
      : ({ kind: 'no-stage-file', title: fallbackTitle } as const);
    return { title: model.title, model };
  });
  const matrix = new ModelPanel('matrix', 'stageGuide.matrix', context.extensionUri, async () => {
    const resolved = await resolveCurrent();
    const model = buildMatrixModel(resolved ?? { governing: governingFrom(undefined) });
    return { title: vscode.l10n.t('Stage Matrix'), model };
  });
  let lastShown: PanelKind = 'upgrades';
  const refreshPanels = (): void => {
    void upgrades.refresh();
    void matrix.refresh();
  };

  context.subscriptions.push(
    target,
    sidebar,
    upgrades,
    matrix,
    // No retainContextWhenHidden: the view keeps its own state with getState/setState.
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.commands.registerCommand(SHOW_UPGRADES_COMMAND, async () => {
      lastShown = 'upgrades';
      await upgrades.show();
    }),
    vscode.commands.registerCommand(SHOW_MATRIX_COMMAND, async () => {
      lastShown = 'matrix';
      await matrix.show();
    }),
    target.onDidChange(refreshPanels),
    stageService.onDidChange(refreshPanels),
  );

  return {
    sidebar: { lastModel: () => sidebar.lastModel(), isRendered: () => sidebar.isRendered() },
    panels: {
      current() {
        if (upgrades.isActive()) return upgrades.snapshot();
        if (matrix.isActive()) return matrix.snapshot();
        return lastShown === 'upgrades' ? upgrades.snapshot() : matrix.snapshot();
      },
      upgrades: () => upgrades.snapshot(),
      matrix: () => matrix.snapshot(),
    },
  };
}
