import type * as vscode from 'vscode';
import { StageService } from './stageService';

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
}

export type Feature = (context: vscode.ExtensionContext, services: FeatureServices) => void;

/**
 * Every feature of the extension, in registration order. Adding a feature
 * means adding one line here; extension.ts stays a few lines of wiring.
 */
export const FEATURES: Feature[] = [];

export function createServices(context: vscode.ExtensionContext): FeatureServices {
  const stageService = new StageService();
  context.subscriptions.push(stageService);
  return { stageService };
}
