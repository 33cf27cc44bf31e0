import * as vscode from 'vscode';
import type { FeatureServices, TestProbes } from '../featureContract';
import { ConfigCodeActionProvider } from './configCodeActions';
import { ConfigDiagnostics } from './configDiagnostics';
import { ConfigHoverProvider } from './configHovers';

/**
 * The files Stage Guide reads: Dockerfiles (by language or by name, since
 * `Dockerfile.prod` may not be recognised as one), Terraform and YAML. Which YAML files
 * are CI, compose or Kubernetes is decided by the core, per file.
 */
export const CONFIG_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'dockerfile' },
  { language: 'yaml' },
  // VS Code gives compose files (compose.yaml, docker-compose.yml) a language of their own.
  { language: 'dockercompose' },
  { pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,dockerfile.*}' },
  // Terraform: the HashiCorp extension's language ids, and the files by name when no extension knows them.
  { language: 'terraform' },
  { language: 'terraform-vars' },
  { pattern: '**/*.{tf,tfvars}' },
];

/** Hovers, diagnostics and code actions on config files (issue: stage-aware guidance on config files). */
export function registerConfigGuidance(context: vscode.ExtensionContext, services: FeatureServices): Partial<TestProbes> {
  const { facts, guidance } = services;
  const diagnostics = new ConfigDiagnostics(guidance, [services.stageService.onDidChange, facts.onDidChange]);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerHoverProvider(CONFIG_FILE_SELECTOR, new ConfigHoverProvider(guidance)),
    vscode.languages.registerCodeActionsProvider(CONFIG_FILE_SELECTOR, new ConfigCodeActionProvider(guidance), {
      providedCodeActionKinds: ConfigCodeActionProvider.providedCodeActionKinds,
    }),
  );
  return { guidance };
}
