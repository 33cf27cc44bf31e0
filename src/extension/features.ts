import type * as vscode from 'vscode';
import { registerConfigGuidance } from './configFiles/registerConfigGuidance';
import type { GuidanceService } from './configFiles/guidanceService';
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
  const stageService = new StageService(new Set(builtinRuleCatalog().byId.keys()));
  context.subscriptions.push(stageService);
  return { stageService };
}
