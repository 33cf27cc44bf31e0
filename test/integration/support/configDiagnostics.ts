// What the config-file suites read from the editor: our diagnostics by rule, waits for one to appear or go,
// the code actions offered on a range, and the text of hovers.
import * as vscode from 'vscode';
import { SETTLE_MS, waitFor } from '../commandsSandbox';

/** Our diagnostics for a file, keyed by rule id. */
export function stageGuideDiagnostics(uri: vscode.Uri): Map<string, vscode.Diagnostic> {
  const byRule = new Map<string, vscode.Diagnostic>();
  for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
    if (diagnostic.source !== 'Stage Guide' || typeof diagnostic.code !== 'object') continue;
    byRule.set(String(diagnostic.code.value), diagnostic);
  }
  return byRule;
}

function describeDiagnostics(uri: vscode.Uri): string {
  return JSON.stringify([...stageGuideDiagnostics(uri)].map(([id, diagnostic]) => [id, diagnostic.severity]));
}

/** Waits for the rule's diagnostic on the file (with that severity, when given) and returns it. */
export async function waitForDiagnostic(uri: vscode.Uri, ruleId: string, severity?: vscode.DiagnosticSeverity): Promise<vscode.Diagnostic> {
  let found: vscode.Diagnostic | undefined;
  await waitFor(
    () => {
      found = stageGuideDiagnostics(uri).get(ruleId);
      return found !== undefined && (severity === undefined || found.severity === severity);
    },
    { description: `${ruleId} on ${uri.path} with severity ${severity} (now ${describeDiagnostics(uri)})`, timeoutMs: SETTLE_MS },
  );
  return found!;
}

export async function waitForNoDiagnostic(uri: vscode.Uri, ruleId: string): Promise<void> {
  await waitFor(() => !stageGuideDiagnostics(uri).has(ruleId), {
    description: `${ruleId} gone from ${uri.path} (now ${describeDiagnostics(uri)})`,
    timeoutMs: SETTLE_MS,
  });
}

/** The code actions (not commands) offered on a range, of one kind when given. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (actions ?? []).filter(
    (action): action is vscode.CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'),
  );
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
    .join('\n');
}
