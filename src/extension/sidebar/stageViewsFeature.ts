// Registers the Stage Guide webviews: the "Stage" sidebar view and the "Show Next-Stage
// Upgrades" and "Show Stage Matrix" panels, all describing the file the user is in.
import * as vscode from 'vscode';
import { governingFrom } from '../../core/workspace/stageResolution';
import { applyFindingFix } from '../evidence/applyFindingFix';
import { withUpgradeEvidence } from '../evidence/evidenceViews';
import type { FeatureServices, PanelsApi } from '../featureContract';
import { editorEffects } from '../panels/webviewActions';
import { buildMatrixModel } from '../panels/matrixModel';
import { ModelPanel } from '../panels/modelPanel';
import type { PanelKind } from '../panels/modelPanel';
import { buildUpgradesModel } from '../panels/upgradesModel';
import { trustedNow } from '../workspaceTrust';
import { ActiveTarget } from './activeTarget';
import { evidenceOf, resolveTarget } from './governingView';
import { withRestrictedUpgrades } from './restrictedMode';
import type { ResolvedTarget } from './governingView';
import { SIDEBAR_VIEW_ID, SidebarView } from './sidebarView';
import type { SidebarApi } from './sidebarView';

export const SHOW_UPGRADES_COMMAND = 'stageGuide.showUpgrades';
export const SHOW_MATRIX_COMMAND = 'stageGuide.showMatrix';
/** The panels' view types; package.json's `onWebviewPanel:` activation events name them too. */
export const UPGRADES_VIEW_TYPE = 'stageGuide.upgrades';
export const MATRIX_VIEW_TYPE = 'stageGuide.matrix';

/** What the in-host tests can ask of the sidebar and the panels without reading their DOM. */
export interface StageViewsApi {
  sidebar: SidebarApi;
  panels: PanelsApi;
}

export function registerStageViews(context: vscode.ExtensionContext, services: FeatureServices): StageViewsApi {
  const { stageService, evidence, guidance } = services;
  const effects = editorEffects(async (location, ruleId) => {
    const applied = await applyFindingFix(guidance, location, ruleId);
    // The checklist follows the file: re-assess its service once the edit has settled.
    if (applied) evidence.rescanFor(vscode.Uri.parse(location.uri, true));
  });
  const target = new ActiveTarget();
  const sidebar = new SidebarView(context.extensionUri, stageService, target, evidence, effects);

  /** Resolves for the file the user is in; with no folder open, the built-in matrix and nothing declared. */
  const resolveCurrent = async (): Promise<ResolvedTarget | undefined> => {
    const current = target.current();
    return current ? resolveTarget(stageService, current) : undefined;
  };
  const upgrades = new ModelPanel(
    'upgrades',
    UPGRADES_VIEW_TYPE,
    context.extensionUri,
    async () => {
      const fallbackTitle = vscode.l10n.t('Next-Stage Upgrades');
      const resolved = await resolveCurrent();
      if (!resolved) return { title: fallbackTitle, model: { kind: 'no-stage-file', title: fallbackTitle } };
      const model = withRestrictedUpgrades(buildUpgradesModel({ ...resolved, fallbackTitle }), {
        trusted: trustedNow(),
        scanEnabled: evidence.enabled(),
        namesTeamMatrix: resolved.governing.stageFile?.config.matrix !== undefined,
      });
      const found = model.kind === 'upgrade' ? evidenceOf(resolved, evidence) : undefined;
      return { title: model.title, model: found ? withUpgradeEvidence(model, found.snapshot, found.places) : model };
    },
    effects,
  );
  const matrix = new ModelPanel(
    'matrix',
    MATRIX_VIEW_TYPE,
    context.extensionUri,
    async () => {
      const resolved = await resolveCurrent();
      const model = buildMatrixModel(resolved ?? { governing: governingFrom(undefined) });
      return { title: vscode.l10n.t('Stage Matrix'), model };
    },
    effects,
  );
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
    // Panels open when the window closed come back after a reload (activation: onWebviewPanel:*).
    vscode.window.registerWebviewPanelSerializer(UPGRADES_VIEW_TYPE, upgrades.serializer()),
    vscode.window.registerWebviewPanelSerializer(MATRIX_VIEW_TYPE, matrix.serializer()),
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
    evidence.onDidChange(() => void upgrades.refresh()),
  );

  return {
    sidebar: {
      lastModel: () => sidebar.lastModel(),
      isRendered: () => sidebar.isRendered(),
      refresh: () => sidebar.refresh(),
      isVisible: () => sidebar.isVisible(),
    },
    panels: {
      current() {
        if (upgrades.isActive()) return upgrades.snapshot();
        if (matrix.isActive()) return matrix.snapshot();
        return lastShown === 'upgrades' ? upgrades.snapshot() : matrix.snapshot();
      },
      upgrades: () => upgrades.snapshot(),
      matrix: () => matrix.snapshot(),
      receiveInUpgrades: (raw) => upgrades.receive(raw),
    },
  };
}
