// The one bridge from the core's text edits to VS Code: core ranges become
// vscode.Ranges and changes go through a WorkspaceEdit, so every change Stage
// Guide makes to a user's file is minimal (never a whole-file overwrite) and
// undoable like a normal edit.
import * as vscode from 'vscode';
import type { Range as CoreRange, TextEdit as CoreTextEdit } from '../core/text';

export function toVscodeRange(range: CoreRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A WorkspaceEdit (e.g. for a CodeAction) replacing only the given ranges of one document. */
export function workspaceEditFor(uri: vscode.Uri, edits: readonly CoreTextEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  edit.set(
    uri,
    edits.map((change) => vscode.TextEdit.replace(toVscodeRange(change.range), change.newText)),
  );
  return edit;
}

/**
 * Applies core edits to a document, computed against that document's current
 * text. Resolves false when there was nothing to change or the editor refused.
 */
export async function applyCoreEdits(uri: vscode.Uri, edits: readonly CoreTextEdit[]): Promise<boolean> {
  if (edits.length === 0) return false;
  return vscode.workspace.applyEdit(workspaceEditFor(uri, edits));
}
