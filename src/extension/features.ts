import type * as vscode from 'vscode';
import { registerConfigGuidance } from './configFiles/registerConfigGuidance';
import { GuidanceService } from './configFiles/guidanceService';
import { WorkspaceFactsService } from './configFiles/workspaceFactsService';
import { EvidenceService } from './evidence/evidenceService';
import { registerStageCommands } from './commands/registerCommands';
import { registerStageFileSupport } from './stageFileSupport/registerStageFileSupport';
import { registerStatusBar } from './statusBar';
import { builtinRuleCatalog, nameableRuleIds } from '../core/rules/engine/ruleCatalog';
import { StageService } from './stageService';
import type { Feature, FeatureServices } from './featureContract';
import { registerStageViews } from './sidebar/stageViewsFeature';

/**
 * Every feature of the extension, in registration order. Adding a feature
 * means adding one line here; extension.ts stays a few lines of wiring.
 */
export const FEATURES: Feature[] = [
  registerStageViews,
  registerStageCommands,
  registerStatusBar,
  registerStageFileSupport,
  registerConfigGuidance,
];

export function createServices(context: vscode.ExtensionContext): FeatureServices {
  const knownRuleIds = nameableRuleIds(builtinRuleCatalog());
  const stageService = new StageService(knownRuleIds);
  const facts = new WorkspaceFactsService(knownRuleIds);
  const guidance = new GuidanceService(stageService, facts);
  const evidence = new EvidenceService(stageService, knownRuleIds, facts);
  context.subscriptions.push(stageService, facts, evidence);
  return { stageService, facts, guidance, evidence };
}
