import type { CoreFileSystem } from '../../fileSystem';
import { posixBasename, posixJoin } from '../../fileSystem';
import type { SignalCatalog } from '../catalog/types';
import { emptyFacts } from '../facts';
import type { EvidenceFacts } from '../facts';
import { READERS } from '../readers/index';
import { DERIVED_RELEVANCE } from '../signals/derived/index';
import type { FileToRead, Reader } from '../readers/reader';
import { isCancelled, TimeSlicer } from './cancellation';
import type { Cancellation } from './cancellation';
import { gitignoreVerdict } from './gitignoreRules';
import { readInheritedFiles } from './inheritedFiles';
import { Relevance } from './relevance';
import type { RelevanceSpec } from './relevance';
import { walkScope } from './scopeWalker';
import type { WalkProgress } from './scopeWalker';

/** Files above this size are skipped unread: configuration is small, and a generated 5 MB YAML is not evidence. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface CollectOptions {
  fs: CoreFileSystem;
  /** The scope root (a `.stage.yml` folder). */
  root: string;
  workspaceRoot: string;
  ignoreGlobs?: readonly string[];
  catalog: SignalCatalog;
  cancellation?: Cancellation;
  onProgress?(progress: ScanProgress): void;
  maxFileBytes?: number;
  /** Shared time budget (see TimeSlicer); a scan creates its own when absent. */
  slicer?: TimeSlicer;
  /** Sees every file's text once it is read (the assessment hands config files to the rule engine without reading them twice). */
  onFileText?(file: FileToRead): void;
}

export interface ScanProgress extends WalkProgress {
  phase: 'walking' | 'reading';
  filesRead: number;
}

export interface CollectResult {
  facts: EvidenceFacts;
  nestedScopes: string[];
  stats: ScanStats;
  cancelled: boolean;
}

export interface ScanStats {
  directories: number;
  entries: number;
  relevantFiles: number;
  filesRead: number;
  /** Relevant files over the size limit, left unread. */
  skippedLarge: string[];
}

/** Walks a scope, adds the repository-level files that apply to it, and runs every reader over what it kept. */
export async function collectFacts(options: CollectOptions): Promise<CollectResult> {
  const { fs, root, workspaceRoot } = options;
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const facts = emptyFacts(root, workspaceRoot);
  const slicer = options.slicer ?? new TimeSlicer();
  const walk = await walkScope({
    slicer,
    fs,
    root,
    workspaceRoot,
    ignoreGlobs: options.ignoreGlobs,
    relevance: relevanceFor(options.catalog),
    cancellation: options.cancellation,
    onProgress: (progress) => options.onProgress?.({ ...progress, phase: 'walking', filesRead: 0 }),
  });
  const stats: ScanStats = { directories: walk.progress.directories, entries: walk.progress.entries, relevantFiles: walk.progress.relevantFiles, filesRead: 0, skippedLarge: [] };
  if (walk.cancelled) return { facts, nestedScopes: walk.nestedScopes, stats, cancelled: true };

  const envVerdict = gitignoreVerdict(walk.rootGitignore, posixJoin(root, '.env'), false);
  if (envVerdict.ignored && envVerdict.by) facts.envFileIgnoredBy = { path: envVerdict.by.file, line: envVerdict.by.line };

  const files = [...walk.files.map((file) => ({ ...file, inherited: false })), ...(await readInheritedFiles(fs, root, workspaceRoot))];
  for (const file of files) {
    if (isCancelled(options.cancellation)) return { facts, nestedScopes: walk.nestedScopes, stats, cancelled: true };
    facts.files.set(file.path, file.relative);
    const basename = posixBasename(file.path);
    const readers = READERS.filter((reader) => reader.accepts(file.relative, basename));
    if (readers.length === 0) continue;
    const size = fs.fileSize ? await fs.fileSize(file.path) : undefined;
    if (size !== undefined && size > maxBytes) {
      stats.skippedLarge.push(file.path);
      continue;
    }
    const text = await fs.readText(file.path);
    if (text === undefined) continue;
    if (size === undefined && text.length > maxBytes) {
      stats.skippedLarge.push(file.path);
      continue;
    }
    stats.filesRead++;
    const toRead: FileToRead = { path: file.path, relative: file.relative, basename, text, inherited: file.inherited };
    for (const reader of readers) runReader(reader, toRead, facts);
    options.onFileText?.(toRead);
    const yieldsBefore = slicer.yields;
    await slicer.maybeYield();
    if (slicer.yields !== yieldsBefore) options.onProgress?.({ ...walk.progress, phase: 'reading', filesRead: stats.filesRead });
  }
  return { facts, nestedScopes: walk.nestedScopes, stats, cancelled: false };
}

/** A reader that throws on a strange file must not stop the scan: the file simply contributes nothing. */
function runReader(reader: Reader, file: FileToRead, facts: EvidenceFacts): void {
  try {
    reader.read(file, facts);
  } catch {
    // Deliberately quiet: evidence is best effort per file.
  }
}

const relevanceCache = new WeakMap<SignalCatalog, Relevance>();

/** What the walk keeps: every reader's files plus every file the catalogue's `files:` matchers name. */
export function relevanceFor(catalog: SignalCatalog): Relevance {
  let relevance = relevanceCache.get(catalog);
  if (!relevance) {
    const globs = catalog.signals.flatMap((signal) => signal.match?.files ?? []);
    const catalogSpec: RelevanceSpec = { basenameGlobs: globs.filter((glob) => !glob.includes('/')), pathGlobs: globs.filter((glob) => glob.includes('/')) };
    relevance = new Relevance([...READERS.map((reader) => reader.relevance), ...DERIVED_RELEVANCE, catalogSpec]);
    relevanceCache.set(catalog, relevance);
  }
  return relevance;
}
