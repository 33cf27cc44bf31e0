import type { CoreFileSystem } from '../../fileSystem';
import { emptyFacts } from '../facts';
import type { EvidenceFacts } from '../facts';
import type { FileToRead } from '../readers/reader';
import { READERS } from '../readers/index';
import type { StructuredInterest } from '../signals/structuredInterest';
import { keepWantedDocuments, loadFile, parseOnce, runReader, YAML_NAME } from './collectFacts';
import { factListLengths, factsAddedSince } from './inheritedFacts';
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

/** The facts every file of a scope is read against: its file list and GitLab includes, and empty lists. */
export interface ScopeFacts {
  root: string;
  workspaceRoot: string;
  files: Map<string, string>;
  gitlabIncluded: ReadonlySet<string>;
  maxBytes: number;
}

export function scopeFactsOf(context: ScopeFileContext): ScopeFacts {
  return {
    root: context.root,
    workspaceRoot: context.workspaceRoot,
    files: new Map(context.files),
    gitlabIncluded: new Set(context.gitlabIncluded),
    maxBytes: context.maxBytes,
  };
}

/**
 * Reads one file and runs its readers as the scan does (collectFacts), on facts of its own; returns what the
 * readers added and what `consume` made of the file (it sees the facts as the scan's consumer would: the file
 * list complete, the lists holding this file's facts only — no consumer reads more).
 */
export async function readScopeFile(
  fs: CoreFileSystem,
  job: FileJob,
  scope: ScopeFacts,
  interest: StructuredInterest,
  consume: (read: FileToRead, facts: EvidenceFacts) => unknown,
): Promise<WorkedFile> {
  const loaded = await loadFile(fs, job.path, scope.maxBytes);
  if (loaded === undefined) return { status: 'gone' };
  if (loaded === 'too-large') return { status: 'too-large' };
  if (typeof loaded === 'object') return { status: 'unreadable', reason: loaded.reason };
  const facts = emptyFacts(scope.root, scope.workspaceRoot);
  facts.files = scope.files;
  facts.gitlabIncluded = scope.gitlabIncluded;
  const read: FileToRead = { ...job, text: loaded, inherited: false, structuredInterest: interest };
  if (YAML_NAME.test(job.basename)) read.yaml = parseOnce(loaded);
  const lengths = factListLengths(facts);
  for (const reader of READERS) if (reader.accepts(job.relative, job.basename)) runReader(reader, read, facts);
  keepWantedDocuments(facts, 0, interest);
  return { status: 'read', delta: factsAddedSince(facts, lengths), products: consume(read, facts) };
}
