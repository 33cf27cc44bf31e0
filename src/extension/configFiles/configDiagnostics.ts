import * as vscode from 'vscode';
import { ruleDocUrl } from '../../core/rules/engine/ruleDocs';
import type { StagedFinding } from '../../core/rules/engine/evaluate';
import type { FileGuidance } from '../../core/guidance/fileGuidance';
import { toVscodeRange } from '../edits';
import { diagnosticMessage } from './findingText';
import type { GuidanceService } from './guidanceService';

export const DIAGNOSTIC_SOURCE = 'Stage Guide';
/** Typing settles for this long before a file is re-analysed. */
const TYPING_DEBOUNCE_MS = 250;

const SEVERITY: Record<NonNullable<StagedFinding['severity']>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Diagnostics for open Dockerfiles, CI, compose and Kubernetes files: the
 * findings that the governing stage reports, updated as the user types and
 * whenever a `.stage.yml` or the workspace's facts change.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('stage-guide');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly guidance: GuidanceService,
    onStageChange: vscode.Event<void>[],
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.refreshSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.collection.delete(document.uri);
        this.guidance.forget(document);
      }),
      ...onStageChange.map((event) => event(() => this.refreshAll())),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.refresh(document);
  }

  private refreshSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const version = document.version;
    const guidance = await this.guidance.guidanceFor(document);
    // A newer edit is already on its way: do not publish stale ranges.
    if (document.isClosed || document.version !== version) return;
    if (!guidance) {
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, toDiagnostics(guidance));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function toDiagnostics(guidance: FileGuidance): vscode.Diagnostic[] {
  const diagnostics: vscode.Diagnostic[] = [];
  for (const staged of guidance.staged) {
    if (!staged.severity) continue;
    const diagnostic = new vscode.Diagnostic(
      toVscodeRange(staged.finding.range),
      diagnosticMessage(guidance.governing.matrix, staged),
      SEVERITY[staged.severity],
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: staged.rule.id, target: vscode.Uri.parse(ruleDocUrl(staged.rule.id)) };
    diagnostics.push(diagnostic);
  }
  for (const problem of guidance.analysis.parseProblems) {
    const diagnostic = new vscode.Diagnostic(
      toVscodeRange(problem.range),
      vscode.l10n.t('Stage Guide could not read this part: {0}', problem.message),
      vscode.DiagnosticSeverity.Information,
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'parse-error';
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
