import * as vscode from 'vscode';
import { MAX_READ_BYTES, readRefusal, textOf } from '../core/fileSystem';
import { decodeText } from '../core/textDecoding';
import type { CoreFileSystem, DirectoryEntry, FileFacts, FileRead } from '../core/fileSystem';
import { isLocalToExtensionHost, nodeRealPath } from './nodeRealPath';

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
    return textOf(await this.readFile(path));
  }

  /**
   * The extension's one way to read a workspace file: a regular file (stat first, so a FIFO or a
   * device is never opened) within the size cap; unsaved editor text counts like the file's.
   */
  async readFile(path: string, maxBytes = MAX_READ_BYTES): Promise<FileRead> {
    const uri = this.uri(path);
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    // Only unsaved edits win: a closed-and-deleted file must not keep governing through a stale buffer.
    if (open?.isDirty) {
      const text = open.getText();
      return text.length > maxBytes ? { status: 'too-large', size: text.length, maxBytes } : { status: 'ok', text };
    }
    return readWorkspaceFile(uri, maxBytes);
  }

  async stat(path: string): Promise<FileFacts | undefined> {
    try {
      return factsOf(await vscode.workspace.fs.stat(this.uri(path)));
    } catch {
      return undefined;
    }
  }

  /** Real paths exist for the extension host's own files; a virtual file system's path is its own, unless it is a link. */
  async realPath(path: string): Promise<string | undefined> {
    const uri = this.uri(path);
    if (isLocalToExtensionHost(uri)) return nodeRealPath(uri);
    const facts = await this.stat(path);
    return facts && !facts.symlink ? path : undefined;
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

/** Reads a workspace file through the shared decision (regular file, size cap); never throws. */
export async function readWorkspaceFile(uri: vscode.Uri, maxBytes = MAX_READ_BYTES): Promise<FileRead> {
  try {
    const refused = readRefusal(factsOf(await vscode.workspace.fs.stat(uri)), maxBytes);
    if (refused) return refused;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > maxBytes) return { status: 'too-large', size: bytes.byteLength, maxBytes };
    return { status: 'ok', text: decodeText(bytes) };
  } catch (error) {
    return failedRead(error);
  }
}

function factsOf(stat: vscode.FileStat): FileFacts {
  const kind = stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other';
  return { kind, symlink: (stat.type & vscode.FileType.SymbolicLink) !== 0, size: stat.size, mtime: stat.mtime };
}

function failedRead(error: unknown): FileRead {
  const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: string } | undefined)?.code;
  if (code === 'FileNotFound' || code === 'ENOENT') return { status: 'missing' };
  if (code === 'FileIsADirectory') return { status: 'not-a-file', kind: 'directory' };
  if (code === 'NoPermissions' || code === 'EACCES') return { status: 'unreadable', reason: 'permission denied' };
  return { status: 'unreadable', reason: code || (error instanceof Error ? error.message : String(error)) };
}
