import type { FactsDelta } from './inheritedFacts';

/**
 * The seam that lets an adapter read, parse and analyse a scope's files somewhere else (the CLI's worker
 * threads: src/cli/fileWorkers/). Everything that crosses it is plain data (it survives a structured clone):
 * what a file's readers added to the facts, and what the consumer made of the file (its products).
 * The scan still applies the results strictly in its own order, so the facts, and everything made of them,
 * are those of a scan that read every file itself.
 */
export interface FileWork {
  /**
   * Starts working `files` (in this order); undefined when the scan should read them itself (too few files
   * to pay for the hand-over). `scope` is asked only when the work is taken.
   */
  start(files: readonly FileJob[], scope: () => ScopeFileContext): WorkedFiles | undefined;
}

/** Work started on a scope's files: each file's result, taken once, in order. */
export interface WorkedFiles {
  take(index: number): Promise<WorkedFile>;
  /** No more takes (the scan is done or cancelled): what is still under way is let go. */
  close(): void;
}

/** A file of a scope to read (not an inherited, repository-level one: those stay with the scan, which remembers them across scopes). */
export interface FileJob {
  path: string;
  relative: string;
  basename: string;
}

/** What a file's readers may ask of the scope: its file list and the files a GitLab pipeline includes (see kindContextOf). */
export interface ScopeFileContext {
  root: string;
  workspaceRoot: string;
  /** Every file of the scan (path, relative), as `facts.files` lists them before any file is read. */
  files: Array<[string, string]>;
  gitlabIncluded: string[];
  maxBytes: number;
}

/** One file's result, as the scan applies it. */
export type WorkedFile =
  | { status: 'read'; delta: FactsDelta; products: unknown }
  | { status: 'too-large' }
  | { status: 'unreadable'; reason: string }
  /** Deleted since the walk, or no longer a regular file. */
  | { status: 'gone' };
