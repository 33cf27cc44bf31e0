import type * as vscode from 'vscode';
import { registerConfigGuidance } from './configFiles/registerConfigGuidance';
import { GuidanceService } from './configFiles/guidanceService';
import { WorkspaceFactsService } from './configFiles/workspaceFactsService';
import { EvidenceService } from './evidence/evidenceService';
import { registerStageCommands } from './commands/registerCommands';
import { registerStageFileSupport } from './stageFileSupport/registerStageFileSupport';
import { registerStatusBar } from './statusBar';
import type { StatusBarProbe } from './statusBar';
import { builtinRuleCatalog } from '../core/rules/engine/ruleCatalog';
import { StageService } from './stageService';
import type { PanelsApi } from './sidebar/stageViewsFeature';
import { registerStageViews } from './sidebar/stageViewsFeature';
import type { SidebarApi } from './sidebar/sidebarView';

/**
 * What every feature may use: the shared services, created once. Features
 * register their providers, commands and views and push disposables onto
 * `context.subscriptions`.
 */
export interface FeatureServices {
  stageService: StageService;
  /** Workspace-level facts the config-file rules depend on. */
  facts: WorkspaceFactsService;
  /** Config-file analysis per document version: diagnostics, hovers, code actions and the views' "apply fix". */
  guidance: GuidanceService;
  /** The evidence scan per service: the sidebar's badges and the upgrades checklist. */
  evidence: EvidenceService;
}

/** The API `activate()` returns: used by the integration tests and by other extensions. */
export interface StageGuideApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  services: FeatureServices;
  /** The "Stage" sidebar view, for in-host tests (what it shows, without reading its DOM). */
  sidebar?: SidebarApi;
  /** The upgrades and matrix panels, for in-host tests. */
  panels?: PanelsApi;
  /** The status-bar item's shown state (VS Code has no API to read another item back). */
  statusBar?: StatusBarProbe;
  /** Config-file guidance (the same analysis diagnostics, hovers and code actions use), for in-host tests. */
  guidance?: GuidanceService;
}

/** A feature registers itself and may return its part of the API (merged into what activate() returns). */
export type Feature = (context: vscode.ExtensionContext, services: FeatureServices) => Partial<StageGuideApi> | void;

/**
 * Every feature of the extension, in registration order. Adding a feature
 * means adding one line here; extension.ts stays a few lines of wiring.
 */
export const FEATURES: Feature[] = [registerStageViews, registerStageCommands, registerStatusBar, registerStageFileSupport, registerConfigGuidance];

export function createServices(context: vscode.ExtensionContext): FeatureServices {
  const knownRuleIds = new Set(builtinRuleCatalog().byId.keys());
  const stageService = new StageService(knownRuleIds);
  const facts = new WorkspaceFactsService();
  const guidance = new GuidanceService(stageService, facts);
  const evidence = new EvidenceService(stageService, knownRuleIds);
  context.subscriptions.push(stageService, facts, evidence);
  return { stageService, facts, guidance, evidence };
}
