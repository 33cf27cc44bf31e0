import { isDeploymentSupportFile } from '../../deployment/digest/supportFileDigests';
import type { CoreFileSystem, FileFacts, FileRead } from '../../fileSystem';
import { posixBasename, posixJoin } from '../../fileSystem';
import type { SignalCatalog } from '../catalog/types';
import { emptyFacts } from '../facts';
import type { EvidenceFacts } from '../facts';
import { READERS } from '../readers/index';
import { DERIVED_RELEVANCE } from '../signals/derived/index';
import { structuredInterestFor } from '../signals/structuredInterest';
import type { StructuredInterest } from '../signals/structuredInterest';
import type { FileToRead, Reader } from '../readers/reader';
import { mayHoldKindByContent } from '../../format/fileKinds';
import { isTerraformLockName } from '../../format/terraform/terraformFile';
import { withoutCrdSchemas } from '../parsers/crdSchemaMask';
import { parseYamlFile } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { isCancelled, TimeSlicer } from './cancellation';
import type { Cancellation } from './cancellation';
import { gitignoreVerdict } from './gitignoreRules';
import { gitlabReferencedFiles } from './gitlabReferencedFiles';
import { readInheritedFiles } from './inheritedFiles';
import { ReadAhead } from './readAhead';
import { ScanReads } from './scanReads';
import { addFacts, factListLengths, factsAddedSince, InheritedFacts } from './inheritedFacts';
import type { FactsDelta } from './inheritedFacts';
import { SharedParses } from './sharedParses';
import { forgottenWhenScansEnd } from '../../scanLifetime';
import type { CachedFile, ScanCache } from './scanCache';
import { Relevance } from './relevance';
import type { RelevanceSpec } from './relevance';
import { walkScope } from './scopeWalker';
import type { WalkedFile, WalkProgress, WalkResult } from './scopeWalker';
import { movedLinesBetween } from './movedLines';
import { sameValue } from './sameValue';
import type { FileJob, FileWork, WorkedFile, WorkedFiles } from './fileWorkTypes';
import { withFields } from '../../withFields';

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
  /**
   * Sees every file once its readers are done with it (the assessment hands
   * config files to the rule engine without reading or parsing them twice).
   * `facts.files` already lists every file of the scan at that point.
   */
  onFileText?(file: FileToRead, facts: EvidenceFacts, cached?: CachedFile): void;
  /** Which structured documents to keep (tests pass one that keeps all); by default what the catalogue and the derivations read. */
  structuredInterest?: StructuredInterest;
  /** What the readers made of repository-level files, shared by the services that inherit them (tests pass their own). */
  inheritedFacts?: InheritedFacts;
  /**
   * The scan's shared reads (scanServices makes one per scan): a file outside the scope (the repository's pipelines,
   * workflows, lockfiles) is read once per scan, not once per nested service. A scope scanned alone makes its own.
   */
  reads?: ScanReads;
  /**
   * What earlier scans made of each file (the editor keeps one): an unchanged file (same modification time
   * and size) is neither read nor parsed again; its facts are added as its readers added them, and
   * `onCachedFile` is told instead of `onFileText`. `cached` is where the consumer keeps its own products.
   */
  cache?: ScanCache;
  /**
   * The scope's last walk, when the caller knows the set of its files is the same (the editor's watcher said
   * which files changed: scopeChanges.ts): no folder is listed again, and only the `modified` files are looked
   * at on disk; every other file is taken from the cache without a look.
   */
  reuseWalk?: { walk: WalkResult; modified: ReadonlySet<string> };
  /** Files a probe of changed files already read (probeChangedFiles): neither read nor parsed again. */
  preloaded?: ReadonlyMap<string, LoadedFile>;
  onCachedFile?(file: { path: string; relative: string; basename: string }, cached: CachedFile, facts: EvidenceFacts): void;
  /**
   * Reads, parses and analyses the scope's own files elsewhere (the CLI's worker threads), when it takes them:
   * only without a cache and with the default documents kept (what the other side reads files with).
   * `onWorkedFile` is then told what the consumer's per-file work made of each file, instead of `onFileText`.
   */
  fileWork?: FileWork;
  onWorkedFile?(file: { path: string; relative: string; basename: string }, products: unknown, facts: EvidenceFacts): void;
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
  /** The walk (kept with the cache, for a rescan that may reuse it). */
  walk?: WalkResult;
  /** The repository-level files the scope inherited. */
  inherited?: string[];
  /**
   * With `reuseWalk`: every file read again made the same facts as last time (and the inherited files
   * too), so the facts are the last scan's, and so is everything made of them (signals, workspace facts).
   */
  factsAsBefore?: boolean;
  /**
   * With `reuseWalk`: every file read again made the same facts as last time but for their lines in these files (each
   * old line with its new one; see movedLinesBetween): what was made of the facts stands, its places in them moved.
   */
  linesMoved?: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

export interface ScanStats {
  directories: number;
  entries: number;
  relevantFiles: number;
  filesRead: number;
  /** Relevant files over the size limit, left unread. */
  skippedLarge: string[];
  /** Relevant files that are there but could not be read (permission denied, I/O error): reported, never silently skipped. */
  unreadable: Array<{ path: string; reason: string }>;
}

/** Walks a scope, adds the repository-level files that apply to it, and runs every reader over what it kept. */
export async function collectFacts(options: CollectOptions): Promise<CollectResult> {
  const { fs, root, workspaceRoot } = options;
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const facts = emptyFacts(root, workspaceRoot);
  const slicer = options.slicer ?? new TimeSlicer();
  const reuse = options.cache ? options.reuseWalk : undefined;
  const sharedReads = options.reads ?? new ScanReads(fs);
  const walk =
    reuse?.walk ??
    (await walkScope({
      slicer,
      fs,
      root,
      workspaceRoot,
      ignoreGlobs: options.ignoreGlobs,
      relevance: relevanceFor(options.catalog),
      cancellation: options.cancellation,
      reads: sharedReads,
      onProgress: (progress) => options.onProgress?.({ ...progress, phase: 'walking', filesRead: 0 }),
    }));
  const stats: ScanStats = {
    directories: walk.progress.directories,
    entries: walk.progress.entries,
    relevantFiles: walk.progress.relevantFiles,
    filesRead: 0,
    skippedLarge: [],
    unreadable: [...walk.skipped],
  };
  if (walk.cancelled) return { facts, nestedScopes: walk.nestedScopes, stats, cancelled: true };

  const envVerdict = gitignoreVerdict(walk.rootGitignore, posixJoin(root, '.env'), false);
  if (envVerdict.ignored && envVerdict.by) facts.envFileIgnoredBy = { path: envVerdict.by.file, line: envVerdict.by.line };

  const inheritedFiles = await readInheritedFiles(fs, root, workspaceRoot, sharedReads);
  // The repository's files a nested service inherits (the root's workflows, pipelines, lockfiles), which this scope
  // reads as its own first: kept for the nested services' scans. The first nested service inherits what all do at the root.
  const inheritedByNested =
    walk.nestedScopes.length > 0
      ? new Set((await readInheritedFiles(fs, walk.nestedScopes[0], workspaceRoot, sharedReads)).map((file) => file.path))
      : undefined;
  const own = await ownFilesOf(walk, slicer, reuse !== undefined);
  // Before any file is read: a file a GitLab pipeline includes is GitLab CI whatever its name, for every reader and rule.
  const gitlab = await gitlabReferencedFiles(
    sharedReads,
    [walk.files, inheritedFiles],
    { root, workspaceRoot, maxBytes, nestedScopes: walk.nestedScopes },
    (text) => parseOnce(text)(),
    slicer,
  );
  const others = [...inheritedFiles, ...gitlab.outside];
  facts.gitlabIncluded = gitlab.referenced;
  // Every file counts (signals match names), and the rule engine asks "is there a Chart.yaml here?" while files are still being read.
  // A remembered list serves the next rescan too: this scan's map is a copy of it when files are added to it (nobody
  // changes the facts' list after this; a repository's own scope inherits none, and its list is its largest).
  facts.files = own.remembered && others.length > 0 ? new Map(own.relatives) : own.relatives;
  for (const file of others) facts.files.set(file.path, file.relative);
  const toRead: Array<(OwnFile | (typeof others)[number]) & { basename: string; readers: readonly Reader[] }> = [...own.toRead];
  for (const file of others) {
    const chosen = withReaders(file);
    if (chosen) toRead.push(chosen);
  }
  const interest = options.structuredInterest ?? structuredInterestFor(options.catalog);
  const inherited = options.inheritedFacts ?? inheritedFactsFor(interest);
  const cache = options.cache;
  // What a file yields depends on whether a pipeline includes it: a file included since the last scan is read again.
  const cacheVariant = (path: string) => (gitlab.referenced.has(path) ? 'gitlab-included' : '');
  cache?.beginScope(
    root,
    walk.files.map((file) => file.path),
  );
  const worked = cache || options.structuredInterest ? undefined : startFileWork(options.fileWork, toRead, facts, maxBytes);
  try {
    return await readFiles();
  } finally {
    worked?.work.close();
    // What only this scope needed (its pipelines, read before its readers read them) is let go.
    sharedReads.endScope();
  }

  async function readFiles(): Promise<CollectResult> {
    // With a cache, each file's modification time first (before the read: a file changed after it is read again next time).
    let factsAsBefore = reuse !== undefined;
    // Or the same facts but for some files' lines (a line inserted above what a file records), each with its moves.
    let linesMoved: Map<string, ReadonlyMap<number, number>> | undefined = reuse !== undefined ? new Map() : undefined;
    // The files read here (all of them, unless the file work took the scope's own), loaded a few ahead.
    const readHere = worked ? toRead.filter((file) => !worked.indexOf.has(file)) : toRead;
    let nextHere = 0;
    const reads = new ReadAhead(readHere, async (file): Promise<Taken> => {
      // A file outside the scope is kept for the other services of the scan; the scope's own file is only looked up.
      const keep = file.inherited || inheritedByNested?.has(file.path) ? 'scan' : undefined;
      if (!cache || file.inherited) return { loaded: loadedOf(await sharedReads.read(file.path, maxBytes, keep)) };
      const preloaded = options.preloaded?.get(file.path);
      if (preloaded) return { loaded: preloaded.text, stat: preloaded.stat, yaml: preloaded.yaml };
      if (reuse && !reuse.modified.has(file.path)) {
        const trusted = cache.trusted(file.path, cacheVariant(file.path));
        if (trusted) return { cached: trusted };
      }
      const stat = await fs.stat(file.path);
      const cached = cache.lookup(file.path, stat, cacheVariant(file.path));
      return cached ? { cached } : { loaded: loadedOf(await sharedReads.read(file.path, maxBytes, keep)), stat };
    });
    for (let index = 0; index < toRead.length; index++) {
      if (isCancelled(options.cancellation)) return { facts, nestedScopes: walk.nestedScopes, stats, cancelled: true };
      const file = toRead[index];
      const workIndex = worked?.indexOf.get(file);
      const taken: Taken = worked && workIndex !== undefined ? { worked: await worked.work.take(workIndex) } : await reads.take(nextHere++);
      if (taken.worked) {
        const result = taken.worked;
        if (result.status === 'too-large') stats.skippedLarge.push(file.path);
        else if (result.status === 'unreadable') stats.unreadable.push({ path: file.path, reason: result.reason });
        if (result.status !== 'read') continue;
        stats.filesRead++;
        addFacts(facts, result.delta);
        options.onWorkedFile?.(file, result.products, facts);
        const yieldsBefore = slicer.yields;
        await slicer.maybeYield();
        if (slicer.yields !== yieldsBefore) options.onProgress?.({ ...walk.progress, phase: 'reading', filesRead: stats.filesRead });
        continue;
      }
      if (taken.cached) {
        stats.filesRead++;
        addFacts(facts, taken.cached.delta);
        options.onCachedFile?.(file, taken.cached, facts);
        await slicer.maybeYield();
        continue;
      }
      const loaded = taken.loaded;
      if (typeof loaded !== 'string') factsAsBefore = false;
      if (typeof loaded !== 'string') linesMoved = undefined;
      if (loaded === 'too-large') {
        stats.skippedLarge.push(file.path);
        continue;
      }
      if (typeof loaded === 'object') {
        stats.unreadable.push({ path: file.path, reason: loaded.reason });
        continue;
      }
      if (loaded === undefined) continue;
      stats.filesRead++;
      const read: FileToRead = {
        path: file.path,
        relative: file.relative,
        basename: file.basename,
        text: loaded,
        inherited: file.inherited,
        structuredInterest: interest,
      };
      if (YAML_NAME.test(file.basename)) read.yaml = taken.yaml ?? scanYamlParse(read, interest);
      const remembered = file.inherited ? inherited.recall(file.path, loaded) : undefined;
      let cached: CachedFile | undefined;
      if (remembered) addFacts(facts, remembered);
      else {
        if (file.inherited) factsAsBefore = false;
        if (file.inherited) linesMoved = undefined;
        const before = (factsAsBefore || linesMoved) && !file.inherited ? cache?.previous(file.path) : undefined;
        const lengths = file.inherited || taken.stat ? factListLengths(facts) : undefined;
        const documentsBefore = facts.structured.length;
        for (const reader of file.readers) runReader(reader, read, facts);
        keepWantedDocuments(facts, documentsBefore, interest);
        if (lengths && file.inherited) inherited.remember(file.path, loaded, factsAddedSince(facts, lengths));
        else if (lengths && cache) {
          const delta = factsAddedSince(facts, lengths);
          if ((factsAsBefore || linesMoved) && (!before || !sameValue(before.delta, delta))) {
            factsAsBefore = false;
            const moves = before && linesMoved ? movedLinesBetween(before.delta, delta) : undefined;
            if (moves) linesMoved?.set(file.path, moves);
            else linesMoved = undefined;
          }
          cached = cache.store(file.path, taken.stat, delta, cacheVariant(file.path));
        }
      }
      // The readers' parse and the analysis of one large file are each tens of milliseconds: a turn between them.
      if (options.onFileText) await slicer.maybeYield();
      options.onFileText?.(read, facts, cached);
      const yieldsBefore = slicer.yields;
      await slicer.maybeYield();
      if (slicer.yields !== yieldsBefore) options.onProgress?.({ ...walk.progress, phase: 'reading', filesRead: stats.filesRead });
    }
    return {
      facts,
      nestedScopes: walk.nestedScopes,
      stats,
      cancelled: false,
      walk,
      inherited: inheritedFiles.map((file) => file.path),
      factsAsBefore,
      ...(!factsAsBefore && linesMoved && linesMoved.size > 0 ? { linesMoved } : {}),
    };
  }
}

/** A file the scope's walk found (not inherited from the repository). */
type OwnFile = WalkedFile & { inherited: false };

/** A scope's own files as a scan reads them, made of its walk alone. */
interface OwnFiles {
  /** Path → relative path of each, in the walk's order (the scan's `facts.files` starts as a copy). */
  relatives: Map<string, string>;
  /** Those some reader reads, with their readers. */
  toRead: Array<OwnFile & { basename: string; readers: readonly Reader[] }>;
  /** Kept for the walk's next rescan: read it, never change it. */
  remembered: boolean;
}

/**
 * Each walk's OwnFiles, once a rescan reused the walk: a rescan in the editor reuses the scope's last walk (its
 * watcher said which files changed), and a repository's own scope lists tens of thousands of files, each marked,
 * named and given its readers again on every keystroke's rescan before. Only walks rescanned keep one (a few MB at
 * most per 100,000 files), and it goes with its walk.
 */
const OWN_FILES = new WeakMap<WalkResult, OwnFiles>();

async function ownFilesOf(walk: WalkResult, slicer: TimeSlicer, remember: boolean): Promise<OwnFiles> {
  const known = OWN_FILES.get(walk);
  if (known) return known;
  const own: OwnFiles = { relatives: new Map(), toRead: [], remembered: remember };
  for (let index = 0; index < walk.files.length; index++) {
    // A large repository's own scope lists tens of thousands of files: a turn of the event loop between slices.
    if ((index & 1023) === 1023) await slicer.maybeYield();
    const walked = walk.files[index];
    // Marked as the scope's own; only withReaders' copy (with its readers) is kept, for the files some reader reads.
    const file: OwnFile = { path: walked.path, relative: walked.relative, inherited: false };
    own.relatives.set(file.path, file.relative);
    const chosen = withReaders(file);
    if (chosen) own.toRead.push(chosen);
  }
  if (remember) OWN_FILES.set(walk, own);
  return own;
}

/** The file with the readers that read it, or undefined when none does. */
function withReaders<File extends { path: string; relative: string }>(
  file: File,
): (File & { basename: string; readers: readonly Reader[] }) | undefined {
  const basename = posixBasename(file.path);
  const readers = readersOf(file.relative, basename);
  // Not spread: one hidden class for all of a walk's files (withFields.ts). `File` has neither field: nothing is replaced.
  return readers.length > 0
    ? (withFields(file, { basename, readers }) as File & { basename: string; readers: readonly Reader[] })
    : undefined;
}

/**
 * The readers that read a file, as one list for every file read by the same ones: a walk's files keep theirs while
 * the walk is kept (OWN_FILES), 16,000 lists of one or two readers on the 100,000-file bench tree.
 */
function readersOf(relative: string, basename: string): readonly Reader[] {
  let chosen = 0;
  for (let index = 0; index < READERS.length; index++) if (READERS[index].accepts(relative, basename)) chosen += 2 ** index;
  let readers = READER_LISTS.get(chosen);
  if (!readers) READER_LISTS.set(chosen, (readers = READERS.filter((_reader, index) => Math.floor(chosen / 2 ** index) % 2 === 1)));
  return readers;
}

const READER_LISTS = new Map<number, readonly Reader[]>();

/** Hands the scope's own files to the file work, when it takes them (inherited files stay here: `inherited` remembers them across scopes). */
function startFileWork<File extends FileJob & { inherited: boolean }>(
  fileWork: FileWork | undefined,
  toRead: readonly File[],
  facts: EvidenceFacts,
  maxBytes: number,
): { work: WorkedFiles; indexOf: Map<File, number> } | undefined {
  if (!fileWork) return undefined;
  const own = toRead.filter((file) => !file.inherited);
  const work = fileWork.start(
    own.map((file) => ({ path: file.path, relative: file.relative, basename: file.basename })),
    () => ({
      root: facts.root,
      workspaceRoot: facts.workspaceRoot,
      files: [...facts.files],
      gitlabIncluded: [...(facts.gitlabIncluded ?? [])],
      maxBytes,
    }),
  );
  return work ? { work, indexOf: new Map(own.map((file, index) => [file, index])) } : undefined;
}

/** A file as the read-ahead hands it over: from the cache, or read (with its modification time when a cache is kept). */
type Taken =
  | { worked: WorkedFile; cached?: undefined; loaded?: undefined; stat?: undefined; yaml?: undefined }
  | { worked?: undefined; cached: CachedFile; loaded?: undefined; stat?: undefined; yaml?: undefined }
  | {
      worked?: undefined;
      cached?: undefined;
      loaded: Awaited<ReturnType<typeof loadFile>>;
      stat?: FileFacts;
      yaml?: () => YamlFile | undefined;
    };

/** A file a probe read: its text, its modification time and its YAML parse (made on first use). */
export interface LoadedFile {
  text: string;
  stat: FileFacts;
  yaml?: () => YamlFile | undefined;
}

export const YAML_NAME = /\.ya?ml$/;

/**
 * A file's text through the guarded read: 'too-large' past the limit, `{ reason }` when it is there
 * but cannot be read (the scan reports it), undefined when it is gone (deleted mid-scan) or not a
 * regular file (the walk keeps regular files only; one swapped for a FIFO since is not evidence).
 */
export async function loadFile(
  fs: CoreFileSystem,
  path: string,
  maxBytes: number,
): Promise<string | undefined | 'too-large' | { reason: string }> {
  return loadedOf(await fs.readFile(path, maxBytes));
}

/** A read as loadFile tells it. */
function loadedOf(read: FileRead): Awaited<ReturnType<typeof loadFile>> {
  if (read.status === 'ok') return read.text;
  if (read.status === 'too-large') return 'too-large';
  if (read.status === 'unreadable') return { reason: read.reason };
  return undefined;
}

/** Per interest (the documents kept depend on it): the facts of repository-level files, across the scopes of a workspace and from one scan to the next. */
const INHERITED_FACTS = new WeakMap<StructuredInterest, InheritedFacts>();

function inheritedFactsFor(interest: StructuredInterest): InheritedFacts {
  let shared = INHERITED_FACTS.get(interest);
  if (!shared) INHERITED_FACTS.set(interest, (shared = new InheritedFacts()));
  return shared;
}

/** Copies of a file share one parse (see SharedParses): across the scopes of a workspace, while a scan runs. */
const SHARED_YAML = new SharedParses<YamlFile | undefined>();
forgottenWhenScansEnd(() => SHARED_YAML.forget());

/**
 * The YAML parse of a text, made on first use and shared by every reader and the rule engine (and by copies of the
 * text). With `maskOf`, the parse is of the text it gives when it gives one (the same length, what nothing reads
 * blanked out: see withoutCrdSchemas) unless yaml finds an error in that text; then of the text itself.
 */
export function parseOnce(text: string, maskOf?: (text: string) => string | undefined): () => YamlFile | undefined {
  let parsed: YamlFile | undefined;
  let done = false;
  return () => {
    if (!done) {
      done = true;
      const masked = maskOf?.(text);
      const maskedParse = masked === undefined ? undefined : SHARED_YAML.get(masked, parseYaml);
      parsed = maskedParse && maskedParse.parseProblems.length === 0 ? maskedParse : SHARED_YAML.get(text, parseYaml);
    }
    return parsed;
  };
}

/**
 * The parse a scan reads a YAML file through: the CustomResourceDefinitions' schemas left out unless a catalogue
 * matcher or derivation may read them (crdSchemaMask.ts; no rule does).
 */
export function scanYamlParse(
  read: Pick<FileToRead, 'text' | 'relative' | 'basename'>,
  interest: StructuredInterest,
): () => YamlFile | undefined {
  return parseOnce(read.text, (text) =>
    withoutCrdSchemas(text, (document) => interest.mayReadCrdSchema(read.relative, read.basename, document)),
  );
}

function parseYaml(text: string): YamlFile | undefined {
  try {
    // The tokens stay when the rule engine may read them: to tell a Kubernetes manifest or a compose file by content, or its suppression comments.
    return parseYamlFile(text, mayHoldKindByContent(text) || text.includes('stage-guide'));
  } catch {
    return undefined;
  }
}

/**
 * Drops the structured documents the file just added that no matcher or
 * derivation reads: every YAML document of a workspace would otherwise stay
 * in memory as a tree until the scan ends (most of a large scan's memory).
 */
export function keepWantedDocuments(facts: EvidenceFacts, from: number, interest: StructuredInterest): void {
  const documents = facts.structured;
  let kept = from;
  for (let index = from; index < documents.length; index++) {
    const document = documents[index];
    const root = interest.keptDocument(document.relative, posixBasename(document.path), document.root);
    if (root) documents[kept++] = root === document.root ? document : withFields(document, { root });
  }
  documents.length = kept;
}

/** A reader that throws on a strange file must not stop the scan: the file simply contributes nothing. */
export function runReader(reader: Reader, file: FileToRead, facts: EvidenceFacts): void {
  try {
    reader.read(file, facts);
  } catch {
    // Deliberately quiet: evidence is best effort per file.
  }
}

/** Files that link others in the workspace model (kustomizations, scripts that run compose or docker build). */
const DEPLOYMENT_SUPPORT_FILES: RelevanceSpec = { basenameTest: isDeploymentSupportFile };

/** Terraform's lock files: the rules ask whether a root module has one beside it (their paths, never their text). */
const TERRAFORM_LOCK_FILES: RelevanceSpec = { basenameTest: isTerraformLockName };

const relevanceCache = new WeakMap<SignalCatalog, Relevance>();

/** What the walk keeps: every reader's files plus every file the catalogue's `files:` matchers name. */
export function relevanceFor(catalog: SignalCatalog): Relevance {
  let relevance = relevanceCache.get(catalog);
  if (!relevance) {
    const globs = catalog.signals.flatMap((signal) => signal.match?.files ?? []);
    const catalogSpec: RelevanceSpec = {
      basenameGlobs: globs.filter((glob) => !glob.includes('/')),
      pathGlobs: globs.filter((glob) => glob.includes('/')),
    };
    relevance = new Relevance([
      ...READERS.map((reader) => reader.relevance),
      ...DERIVED_RELEVANCE,
      DEPLOYMENT_SUPPORT_FILES,
      TERRAFORM_LOCK_FILES,
      catalogSpec,
    ]);
    relevanceCache.set(catalog, relevance);
  }
  return relevance;
}

export interface ProbedFile {
  read: FileToRead;
  /** What the last scan made of the file (its products are the consumer's). */
  previous: CachedFile;
  /** Its new cache entry, for the consumer's products. */
  cached: CachedFile;
}

/**
 * Reads files a scope's last scan read, which are known to be the only ones changed since (the walk stands),
 * and runs their readers on facts holding nothing but the scope's file list (a reader reads nothing else of the
 * facts). When every file made the evidence it made last time (compared with sameValue), the files are stored
 * in the cache and returned with `facts` (for the rule engine's "is there a Chart.yaml here?"): the facts of the
 * whole scope are then the last scan's, and nothing else needs reading. No `files`, with nothing stored, when
 * any file made other evidence or could not be read: the caller scans the scope (see collectFacts' `reuseWalk`),
 * handing it the files `loaded` so far (`preloaded`: not read nor parsed twice).
 */
export async function probeChangedFiles(options: {
  fs: CoreFileSystem;
  cache: ScanCache;
  root: string;
  workspaceRoot: string;
  /** The scope's files as its last scan listed them (path → relative). */
  files: ReadonlyMap<string, string>;
  paths: ReadonlySet<string>;
  catalog: SignalCatalog;
  maxFileBytes?: number;
  structuredInterest?: StructuredInterest;
}): Promise<{ files?: ProbedFile[]; facts: EvidenceFacts; loaded: Map<string, LoadedFile> }> {
  const { fs, cache } = options;
  const facts = emptyFacts(options.root, options.workspaceRoot);
  facts.files = options.files as Map<string, string>;
  const interest = options.structuredInterest ?? structuredInterestFor(options.catalog);
  const loaded = new Map<string, LoadedFile>();
  const probed: Array<{ read: FileToRead; previous: CachedFile; stat: FileFacts; delta: FactsDelta }> = [];
  for (const path of options.paths) {
    const relative = options.files.get(path);
    const previous = cache.previous(path);
    if (relative === undefined || !previous) return { facts, loaded };
    const stat = await fs.stat(path);
    const text = await loadFile(fs, path, options.maxFileBytes ?? MAX_FILE_BYTES);
    if (stat?.mtime === undefined || typeof text !== 'string') return { facts, loaded };
    const basename = posixBasename(path);
    const read: FileToRead = { path, relative, basename, text, inherited: false, structuredInterest: interest };
    if (YAML_NAME.test(basename)) read.yaml = scanYamlParse(read, interest);
    loaded.set(path, { text, stat, ...(read.yaml ? { yaml: read.yaml } : {}) });
    const lengths = factListLengths(facts);
    const documentsBefore = facts.structured.length;
    for (const reader of READERS) if (reader.accepts(relative, basename)) runReader(reader, read, facts);
    keepWantedDocuments(facts, documentsBefore, interest);
    const delta = factsAddedSince(facts, lengths);
    if (!sameValue(previous.delta, delta)) return { facts, loaded };
    probed.push({ read, previous, stat, delta });
  }
  const files = probed.map(({ read, previous, stat, delta }) => ({ read, previous, cached: cache.store(read.path, stat, delta)! }));
  return { files, facts, loaded };
}
