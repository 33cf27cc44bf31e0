// Shared by the commands, status-bar and .stage.yml suites: a fresh copy of a
// fixture folder (test/fixtures/workspaces/commands-*) inside the open
// workspace, so tests can edit, create and delete files freely and always
// start from the same contents. Everything goes through workspace.fs and URIs,
// like the extension (code-server's workspace is a vscode-remote:// folder).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StageGuideTestApi } from './support/stageGuide';
import { waitFor } from '../../scripts/code-server/waitFor';
import { activatedApi, stageGuideExtension } from './support/stageGuide';

export { waitFor };

/** Deadline for anything the extension does after a change (its own debounce is 150 ms). */
export const SETTLE_MS = 10_000;
/** Per test: a few such waits on a busy machine (mocha's default of 30 s is too tight). */
export const SUITE_TIMEOUT_MS = 60_000;

/**
 * The extension's API. When it has not started yet (its `workspaceContains`
 * search can be slow on a busy machine), running one of its palette commands
 * starts it the way a user would; the activation suite covers starting by itself.
 */
export async function stageGuideApi(): Promise<StageGuideTestApi> {
  if (!stageGuideExtension().isActive) await vscode.commands.executeCommand('stageGuide.refresh');
  return activatedApi();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the in-host suite needs an open workspace folder');
  return folder.uri;
}

export class Sandbox {
  private disposed = false;

  private constructor(readonly root: vscode.Uri) {}

  /** Copies `test/fixtures/workspaces/<fixture>` to a new folder in the workspace. */
  static async of(fixture: string): Promise<Sandbox> {
    return Sandbox.copyOf(vscode.Uri.joinPath(stageGuideExtension().extensionUri, 'test', 'fixtures', 'workspaces', fixture), fixture);
  }

  /** Copies `examples/<example>` (the README's example workspaces) to a new folder in the workspace. */
  static async ofExample(example: string): Promise<Sandbox> {
    return Sandbox.copyOf(vscode.Uri.joinPath(stageGuideExtension().extensionUri, 'examples', example), example);
  }

  private static async copyOf(source: vscode.Uri, fixture: string): Promise<Sandbox> {
    const root = vscode.Uri.joinPath(workspaceRoot(), `.stage-guide-test-${fixture}-${Date.now().toString(36)}`);
    await vscode.workspace.fs.createDirectory(root);
    try {
      for (const [name] of await vscode.workspace.fs.readDirectory(source)) {
        await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), vscode.Uri.joinPath(root, name), { overwrite: true });
      }
    } catch (error) {
      // Leave nothing half-made in the workspace.
      await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      throw error;
    }
    return new Sandbox(root);
  }

  uri(relativePath = ''): vscode.Uri {
    return relativePath ? vscode.Uri.joinPath(this.root, ...relativePath.split('/')) : this.root;
  }

  async read(relativePath: string): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri(relativePath)));
  }

  async write(relativePath: string, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(this.uri(relativePath), new TextEncoder().encode(text));
  }

  async exists(relativePath: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(this.uri(relativePath));
      return true;
    } catch {
      return false;
    }
  }

  async open(relativePath: string): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(this.uri(relativePath), { preview: false });
  }

  /** Reverts and closes this sandbox's editors, then deletes its folder. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await closeEditorsUnder(this.root);
    await vscode.workspace.fs.delete(this.root, { recursive: true, useTrash: false });
  }
}

/** Reverts and closes the editors of `root` and of everything under it. */
export async function closeEditorsUnder(root: vscode.Uri): Promise<void> {
  const prefix = `${root.toString()}/`;
  const isUnder = (uri: vscode.Uri) => uri.toString() === root.toString() || uri.toString().startsWith(prefix);
  for (const document of vscode.workspace.textDocuments) {
    if (!isUnder(document.uri) || !document.isDirty) continue;
    // Revert through the editor so closing never asks "save changes?".
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && isUnder(tab.input.uri));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

/**
 * Runs `body` with no `.stage.yml` at the workspace root, so nothing governs
 * the sandbox; afterwards the root is exactly as before (its `.stage.yml`,
 * if any, written back byte for byte; one the body created, removed).
 */
export async function withoutRootStageFile<T>(body: () => Promise<T>): Promise<T> {
  const rootStageFile = vscode.Uri.joinPath(workspaceRoot(), '.stage.yml');
  let saved: Uint8Array | undefined;
  try {
    saved = await vscode.workspace.fs.readFile(rootStageFile);
  } catch {
    saved = undefined;
  }
  if (saved) await vscode.workspace.fs.delete(rootStageFile, { useTrash: false });
  try {
    return await body();
  } finally {
    await closeEditorsUnder(rootStageFile);
    if (saved) await vscode.workspace.fs.writeFile(rootStageFile, saved);
    else await vscode.workspace.fs.delete(rootStageFile, { useTrash: false }).then(undefined, () => undefined);
  }
}

/**
 * Turns auto save off until the returned function puts the previous value
 * back. code-server is VS Code for the Web, which saves after a delay by
 * default; tests about unsaved text would otherwise race it.
 */
export async function autoSaveOff(): Promise<() => Promise<void>> {
  const previous = vscode.workspace.getConfiguration('files').inspect<string>('autoSave')?.globalValue;
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  return async () => vscode.workspace.getConfiguration('files').update('autoSave', previous, vscode.ConfigurationTarget.Global);
}

/** Replaces the first match of `find` in an open document, without saving (what typing does). */
export async function typeInto(document: vscode.TextDocument, find: string, replaceWith: string): Promise<void> {
  const start = document.getText().indexOf(find);
  assert.ok(start >= 0, `"${find}" not in ${document.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(start + find.length)), replaceWith);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was refused');
}

/** Position of the first match of `find` in a document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, find: string, delta = 0): vscode.Position {
  const start = document.getText().indexOf(find);
  assert.ok(start >= 0, `"${find}" not in ${document.uri.path}`);
  return document.positionAt(start + delta);
}
