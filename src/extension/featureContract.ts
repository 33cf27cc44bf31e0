// The contract between extension.ts, the feature list (features.ts) and the features: the shared
// services a feature receives, what it may hand back for the in-host tests, and the public API.
// It imports no feature, so features.ts → feature → features.ts loops cannot form.
import type * as vscode from 'vscode';
import type { GuidanceService } from './configFiles/guidanceService';
import type { WorkspaceFactsService } from './configFiles/workspaceFactsService';
import type { EvidenceService } from './evidence/evidenceService';
import type { PanelSnapshot } from './panels/modelPanel';
import type { SidebarApi } from './sidebar/sidebarView';
import type { StageService } from './stageService';

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

/** The upgrades and matrix panels as the in-host tests see them. */
export interface PanelsApi {
  /** The panel in front (or the last one shown, when neither is active). */
  current(): PanelSnapshot | undefined;
  upgrades(): PanelSnapshot<'upgrades'> | undefined;
  matrix(): PanelSnapshot<'matrix'> | undefined;
  /** Delivers a message to the upgrades panel as if its webview had posted it (a button press). */
  receiveInUpgrades(raw: unknown): Promise<void>;
}

/** The status-bar item's shown state (VS Code has no API to read another item back). */
export interface StatusBarProbe {
  text(): string | undefined;
  /** The tooltip as plain text (the item shows it as Markdown). */
  tooltip(): string | undefined;
  visible(): boolean;
  command(): string | undefined;
}

/**
 * What the in-host tests read of the running extension, never part of the public API: handed out
 * only in the extension host of a test run (see `testProbesEnabled`).
 */
export interface TestProbes {
  services: FeatureServices;
  /** The "Stage" sidebar view: what it shows, without reading its DOM. */
  sidebar?: SidebarApi;
  /** The upgrades and matrix panels. */
  panels?: PanelsApi;
  statusBar?: StatusBarProbe;
  /** Config-file guidance (the same analysis diagnostics, hovers and code actions use). */
  guidance?: GuidanceService;
}

/** A feature registers itself and may return probes for the in-host tests (merged into `TestProbes`). */
export type Feature = (context: vscode.ExtensionContext, services: FeatureServices) => Partial<TestProbes> | void;

/** The API `activate()` returns to other extensions. */
export interface StageGuideApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
}

/** The environment variable that also hands out the probes outside a test-mode host (e.g. a bench in a normal window). */
export const TEST_PROBES_ENV = 'STAGE_GUIDE_TEST_PROBES';

/**
 * What `activate()` really returns: the public API, plus `__testProbes` in a test run only
 * (`context.extensionMode` is Test, as with `--extensionTestsPath`, or STAGE_GUIDE_TEST_PROBES=1).
 */
export interface StageGuideExports extends StageGuideApi {
  readonly __testProbes?: TestProbes;
}
