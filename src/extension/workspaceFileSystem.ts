import * as vscode from 'vscode';
import type { CoreFileSystem, DirectoryEntry } from '../core/fileSystem';

/**
 * The core's file-system surface over `workspace.fs`, for one URI scheme and
 * authority (a workspace folder's), so virtual workspaces work too. Open
 * editors' unsaved text wins over disk: guidance follows what the user sees.
 */
export class WorkspaceFileSystem implements CoreFileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  async readText(path: string): Promise<string | undefined> {
    const uri = this.uri(path);
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    // Only unsaved edits win: a closed-and-deleted file must not keep governing through a stale buffer.
    if (open?.isDirty) return open.getText();
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) return undefined;
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
      return entries.map(([name, type]) => ({ name, kind: entryKind(type) }));
    } catch {
      return undefined;
    }
  }

  async fileSize(path: string): Promise<number | undefined> {
    try {
      return (await vscode.workspace.fs.stat(this.uri(path))).size;
    } catch {
      return undefined;
    }
  }
}

/**
 * What a listing entry is to the core's walkers. workspace.fs reports a symbolic link as what it
 * leads to plus the SymbolicLink bit (`self -> .` is `Directory | SymbolicLink`); the walkers
 * skip 'other', so a link is never followed — no endless `self/self/…`, no reading the disk
 * through a link to `/` — just as the CLI's `readdir` entries (lstat types) skip them.
 */
export function entryKind(type: vscode.FileType): DirectoryEntry['kind'] {
  if (type & vscode.FileType.SymbolicLink) return 'other';
  return type & vscode.FileType.File ? 'file' : type & vscode.FileType.Directory ? 'directory' : 'other';
}
