import { posixBasename } from '../../fileSystem';
import type { CoreFileSystem } from '../../fileSystem';
import { terraformLockFiles } from '../../format/terraform/terraformWorkspace';
import { builtinRuleCatalog } from '../../rules/engine/ruleCatalog';
import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import { analyzeFile, settleAnalysis } from '../../rules/engine/analyzeFile';
import type { FileAnalysis, WorkspaceFacts } from '../../rules/types';
import { STAGE_IDS, stageAfter } from '../../stages';
import type { StageId } from '../../stages';
import { governingFrom, nextStageForConcern, stageForConcern } from '../../workspace/stageResolution';
import type { Governing, StageFileState } from '../../workspace/stageResolution';
import { repositoryCiTests, workflowRepository } from '../../ci/ciTestRuns';
import type { RepositoryCiTests } from '../../ci/ciTestRuns';
import { gitlabCiFacts } from '../../ci/gitlabCiTests';
import type { EvidenceFacts } from '../facts';
import { builtinSignalCatalog } from '../catalog/signalCatalog';
import type { SignalCatalog } from '../catalog/types';
import { TimeSlicer } from '../scan/cancellation';
import type { Cancellation } from '../scan/cancellation';
import { collectFacts, probeChangedFiles, relevanceFor } from '../scan/collectFacts';
import type { LoadedFile, ProbedFile } from '../scan/collectFacts';
import { sameValue } from '../scan/sameValue';
import { scopeChanges } from '../scan/scopeChanges';
import type { ScopeChanges, WalkedScope } from '../scan/scopeChanges';
import type { ScanStats } from '../scan/collectFacts';
import { pathSet } from '../scan/pathSet';
import type { ScanCache } from '../scan/scanCache';
import { shareStrings } from '../scan/sharedStrings';
import type { StringTable } from '../scan/sharedStrings';
import type { ScanReads } from '../scan/scanReads';
import type { FileWork } from '../scan/fileWorkTypes';
import type { ScanProgress } from '../scan/collectFacts';
import { runsPodsOnKubernetes } from '../signals/derived/workloads';
import { evaluateSignals } from '../signals/evaluateSignals';
import { signalsWithLinesMoved } from '../signals/movedSignals';
import type { SignalResult } from '../signals/evaluateSignals';
import { configFindings } from './configFindings';
import { judgementsByLastModel } from './judgementReuse';
import type { Judgements } from './judgementReuse';
import { cachedProducts, fileProducts, keptForAssessment, keptProducts } from './fileProducts';
import type { DeferredAnalysis, FileProducts, KeptFixes } from './fileProducts';
import { kindContextOf } from '../readers/yamlFiles';
import { CONTENT_DECIDES_KIND, fileKindByName } from '../../format/fileKinds';
import type { AnalyzedConfigFile } from './configFindings';
import { DeploymentModel } from '../../deployment/model/deploymentModel';
import { judgeAnalysis } from '../../deployment/judge/judgeAnalysis';
import { helmValuesAnalysis } from '../../deployment/helm/helmValuesAnalysis';
import { isDockerignoreName } from '../../deployment/digest/supportFileDigests';
import type { FileDigest } from '../../deployment/types';
import { concernBadge, ladderRungs, observedStage } from './ladder';
import { assessPractice, practiceTiming } from './practiceStatus';
import { readinessFor } from './readiness';
import type { ConcernAssessment, ConfigParseProblem, ServiceAssessment } from './types';
import { whileScanning } from '../../scanLifetime';

export interface AssessOptions {
  fs: CoreFileSystem;
  /** Where `.stage.yml` lookup and repository-level files stop: the workspace folder (editor) or git root (CLI). */
  workspaceRoot: string;
  /** YYYY-MM-DD, for waiver expiry. */
  today: string;
  knownRuleIds?: ReadonlySet<string>;
  /** Assess against this stage instead of the declared one (CLI `--stage`); per-concern overrides still apply. */
  stageOverride?: StageId;
  cancellation?: Cancellation;
  onProgress?(progress: AssessProgress): void;
  /** Injectable for tests; the shipped catalogues by default. */
  signalCatalog?: SignalCatalog;
  ruleCatalog?: RuleCatalog;
  maxFileBytes?: number;
  /**
   * The deployment model to judge findings by (the editor's, built from the whole workspace); a scope
   * assessed alone builds one from its own files when absent.
   */
  deployment?: DeploymentModel;
  /** What earlier scans made of each file (the editor keeps one across scans): unchanged files are neither read nor parsed again. */
  cache?: ScanCache;
  /**
   * Without a cache, where the strings of what each file's analysis leaves (findings, digests) are kept once: they wait
   * for the deployment model of every service, and a value read out of a file's text would keep the whole text alive
   * (scan/sharedStrings.ts). scanServices makes one for its services when absent.
   */
  strings?: StringTable;
  /** The time budget between event-loop turns; a scan makes its own (10 ms) when absent. Tests pass `new TimeSlicer(0)` to count turns. */
  slicer?: TimeSlicer;
  /**
   * Told, once each scope's scan is done (from the cache too), the workspace facts its files were analysed with and
   * the files it listed: the editor's workspace model (workspaceModelScan.ts) keeps them, so its hovers analyse a file
   * with the facts the CLI used. Nothing is kept for a caller that does not ask.
   */
  onScopeFacts?(root: string, scope: ScopeFacts): void;
  /**
   * What a finding keeps of its quick fix: its edits (by default), its title ('titles': the editor's scans show it,
   * and its "Apply fix" builds the edits from the file as it is then), or only that there is one ('presence': the
   * CLI reports `hasFix` and never an edit). Every service's analyses are held until the
   * deployment model of all of them is built, and on a large workspace the edits were a quarter of that memory.
   */
  fixes?: KeptFixes;
  /**
   * Where a scope's files may be read, parsed and analysed instead of here (the CLI's worker threads, see
   * scan/fileWorkTypes.ts and scopeFileWork.ts): taken only with the shipped signal catalogue and no cache.
   */
  fileWork?: FileWork;
  /**
   * The reads one scan shares across its services (scanServices makes one per scan and lets it go when the scan
   * ends): the repository-level files every nested service inherits are read once, not once per service.
   */
  reads?: ScanReads;
}

/** What a scope's files were analysed with: the workspace facts, and the files it listed (path → relative). */
export interface ScopeFacts {
  workspaceFacts: WorkspaceFacts;
  files: ReadonlyMap<string, string>;
}

export interface AssessProgress extends ScanProgress {
  /** The service folder being scanned. */
  service: string;
}

export interface ScopeResult {
  service: ServiceAssessment;
  nestedScopes: string[];
  cancelled: boolean;
}

/** Assesses one service: its subtree (without nested services), its practices per concern, its config findings judged by its own files. */
export function assessScope(root: string, stageFile: StageFileState | undefined, options: AssessOptions): Promise<ScopeResult> {
  return whileScanning(async () => finishScopeByItsModel(await scanScope(root, stageFile, options), options));
}

/**
 * finishScope by `options.deployment`, or, without one, by a model of the service's own files (a scope assessed alone).
 * With a cache (the editor's), what the judge made of the service's analyses by the last model stands where that model
 * is the same, or the same but for some files' lines (judgementsByLastModel).
 */
export async function finishScopeByItsModel(scanned: ScannedScope, options: AssessOptions): Promise<ScopeResult> {
  const model = options.deployment ?? deploymentModelOf([scanned], options.workspaceRoot);
  return finishScope(scanned, model, options, await judgementsByLastModel(scanned, model, options));
}

/**
 * A service scanned: its practices assessed from its evidence, and every config file analysed, not yet
 * judged by the deployment. The evidence itself is not kept: a workspace holds every scope until one
 * model of all of them is built, and the facts (file lists, documents) were most of that memory.
 */
export interface ScannedScope {
  root: string;
  /**
   * Which scan this is (numbered in this process): a rescan that stood as it was (nothing of the scope changed) is
   * the scan it stands for and keeps its number, so whoever judged that scan knows its judgement stands
   * (reassessScope.ts). A scan that read or patched anything has a number of its own.
   */
  scan: number;
  stageFile: StageFileState | undefined;
  governing: Governing;
  slicer: TimeSlicer;
  analyses: AnalyzedConfigFile[];
  /** Digests of files that link others but hold no rules (kustomizations, scripts). */
  supportDigests: FileDigest[];
  concerns: ConcernAssessment[];
  signals: SignalResult[];
  /** Files the evidence readers could not parse (reported after the config files' own parse problems). */
  evidenceParseProblems: EvidenceFacts['parseProblems'];
  stats: ScanStats;
  nestedScopes: string[];
  cancelled: boolean;
}

/**
 * Scans one service: walks and reads its files once, feeding the evidence
 * readers, and analyses every config file (files whose analysis needs the
 * workspace facts once these are known), then assesses its practices. Nothing
 * is judged yet, so a workspace of services can be judged by one model of all of them.
 */
export async function scanScope(root: string, stageFile: StageFileState | undefined, options: AssessOptions): Promise<ScannedScope> {
  const catalog = options.signalCatalog ?? builtinSignalCatalog();
  const slicer = options.slicer ?? new TimeSlicer();
  const cache = options.cache;
  // Taken before anything is read: a change noted from here on may not be in this scan.
  const mark = cache?.changeMark();
  const stageKey = scopeInputsKey(stageFile, options);
  const record = cache?.scopeRecord(root) as ScopeRecord | undefined;
  let changes: ScopeChanges = 'rewalk';
  if (cache && record && record.stageKey === stageKey) {
    const changed = cache.changedSince(record.mark);
    if (changed) changes = await scopeChanges(record.walked, changed, options.fs, relevanceFor(catalog));
  }
  // None of the changes is this service's business: its last scan stands, without a walk.
  if (cache && record && mark !== undefined && changes === 'unchanged') return lastScanStands(root, record, cache, mark, slicer, options);
  const reusable = changes === 'rewalk' ? undefined : record;
  let preloaded: ReadonlyMap<string, LoadedFile> | undefined;
  if (cache && reusable && mark !== undefined && typeof changes === 'object' && !changes.inherited) {
    // Only files it read before changed: when they make the same evidence, only their analyses change.
    const probed = await probeChangedFiles({
      fs: options.fs,
      cache,
      root,
      workspaceRoot: options.workspaceRoot,
      files: reusable.files,
      paths: changes.modified,
      catalog,
      maxFileBytes: options.maxFileBytes,
    });
    const patched = probed.files && patchedScope(reusable, probed.files, probed.facts, options.fixes, cache);
    preloaded = probed.loaded;
    // Every changed file made the same evidence and the same analysis: the last scan stands too.
    if (patched?.asBefore) return lastScanStands(root, reusable, cache, mark, slicer, options);
    if (patched) {
      const scanned: ScannedScope = { ...reusable.scanned, scan: ++scansMade, analyses: patched.scanned, slicer };
      cache.rememberScope(root, {
        ...reusable,
        mark,
        settled: patched.settled,
        scanned: { ...scanned, slicer: undefined },
      } satisfies ScopeRecord);
      options.onScopeFacts?.(root, { workspaceFacts: reusable.workspaceFacts, files: reusable.files });
      return scanned;
    }
  }
  const governing = withStageOverride(governingFrom(stageFile), options.stageOverride);
  const analyses: AnalyzedConfigFile[] = [];
  const deferred: DeferredAnalysis[] = [];
  /** The deferred analyses' files taken from the cache unchanged (their products are the last scan's). */
  const deferredFromCache = new Set<string>();
  const supportDigests: FileDigest[] = [];
  const useProducts = (path: string, products: FileProducts) => {
    // Without a cache (whose own table holds what it keeps), what every service's files leave waits for the one
    // deployment model: its strings are kept once, read here or by a file worker alike.
    if (options.strings) shareStrings(products, options.strings);
    if (products.support) supportDigests.push(...products.support);
    if (products.deferred) deferred.push(products.deferred);
    if (products.analysis) analyses.push({ path, analysis: products.analysis });
  };
  const collected = await collectFacts({
    cache,
    ...(reusable && typeof changes === 'object'
      ? { reuseWalk: { walk: reusable.walked.walk, modified: changes.modified }, preloaded }
      : {}),
    slicer,
    fs: options.fs,
    root,
    workspaceRoot: options.workspaceRoot,
    ignoreGlobs: stageFile?.config.ignore ?? [],
    catalog,
    cancellation: options.cancellation,
    maxFileBytes: options.maxFileBytes,
    ...(options.reads ? { reads: options.reads } : {}),
    onProgress: (progress) => options.onProgress?.({ ...progress, service: root }),
    onFileText: (file, scanned, cached) => {
      if (file.inherited) return;
      const products = fileProducts(file, scanned, options.fixes);
      // Its strings shared with the rest of the cache (the editor keeps it as long as the workspace). A deferred
      // analysis keeps its text, not its parse: a rescan that must settle it again parses it (cachedProducts).
      if (cached) cached.products = cache!.shared(cachedProducts(products));
      useProducts(file.path, products);
    },
    // Read and analysed elsewhere (scopeFileWork.ts): what that made of it, as fileProducts makes it here.
    ...(options.signalCatalog ? {} : { fileWork: options.fileWork }),
    onWorkedFile: (file, products) => useProducts(file.path, keptProducts(products as FileProducts, options.fixes)),
    // A file unchanged since an earlier scan: what that scan made of it.
    onCachedFile: (file, cached) => {
      const products = (cached.products ?? {}) as FileProducts;
      if (products.deferred) deferredFromCache.add(file.path);
      useProducts(file.path, products);
    },
  });
  const { facts } = collected;
  // No reader reads a .dockerignore (its patterns are not needed, only that it is there): the walk's list says so.
  let looked = 0;
  for (const path of facts.files.keys()) {
    if ((++looked & 4095) === 0) await slicer.maybeYield();
    if (isDockerignoreName(posixBasename(path))) supportDigests.push({ type: 'dockerignore', path });
  }
  // The same facts as the last scan (only files whose evidence did not change were read again): what was made of them stands.
  const before = reusable && collected.factsAsBefore ? reusable : undefined;
  const made = before ? undefined : workspaceFactsOf(facts, root);
  // Other facts may still make the same workspace facts (a compose file's lines moved): the last object then stands,
  // and with it what the files analysed once the facts were known made of them (keyed by it: Terraform's modules).
  const workspaceFacts: WorkspaceFacts =
    before?.workspaceFacts ?? (reusable && sameValue(reusable.workspaceFacts, made) ? reusable.workspaceFacts : made!);
  // A deferred analysis reads its file, the workspace facts and the scope's file list and GitLab includes
  // (kindContextOf): the walk stood (a record is reused only then), so with the same workspace facts and includes,
  // a file taken from the cache unchanged is settled as before. On the 100,000-file bench tree, settling the root
  // service's Terraform and pipeline files again took half of a rescan after a line was inserted in a compose file.
  const settledBefore =
    reusable && workspaceFacts === reusable.workspaceFacts && sameValue(reusable.gitlabIncluded, facts.gitlabIncluded)
      ? reusable.settled
      : undefined;
  const modified = (path: string) => typeof changes === 'object' && changes.modified.has(path);
  const settled = new Map<string, FileAnalysis | undefined>();
  for (const file of deferred) {
    await slicer.maybeYield();
    const reused = settledBefore && deferredFromCache.has(file.path) && !modified(file.path) ? settledBefore.get(file.path) : undefined;
    const analysis = reused ?? settle(file, facts, workspaceFacts, options.fixes);
    settled.set(file.path, analysis);
    if (analysis) analyses.push({ path: file.path, analysis });
  }
  // Or the same but for some files' lines (a line inserted above what a compose file records): the same signals, their
  // evidence in those files at its new lines.
  const moved =
    !before && reusable && collected.linesMoved ? signalsWithLinesMoved(reusable.scanned.signals, collected.linesMoved) : undefined;
  const signals = before
    ? undefined
    : moved
      ? new Map(moved.map((signal) => [signal.id, signal]))
      : await evaluateSignals(catalog, facts, slicer);
  const concerns: ConcernAssessment[] =
    before?.scanned.concerns ??
    governing.matrix.concerns.map((concern) => {
      const stage = stageForConcern(governing, concern.id);
      const next = nextStageForConcern(governing, concern.id);
      const practices = STAGE_IDS.flatMap((cellStage) =>
        concern.cells[cellStage].practices.map((practice) =>
          assessPractice(practice, concern.id, cellStage, practiceTiming(cellStage, stage, next), { catalog, signals: signals! }),
        ),
      );
      const ladder = ladderRungs(practices);
      return {
        id: concern.id,
        name: concern.name,
        ...(stage ? { stage } : {}),
        ...(next ? { next } : {}),
        observedStage: observedStage(ladder),
        ladder,
        badge: concernBadge(practices, stage),
        practices,
      };
    });
  const scanned: ScannedScope = {
    root,
    scan: ++scansMade,
    stageFile,
    governing,
    slicer,
    analyses,
    supportDigests,
    concerns,
    signals: before?.scanned.signals ?? [...signals!.values()],
    evidenceParseProblems: facts.parseProblems,
    stats: collected.stats,
    nestedScopes: collected.nestedScopes,
    cancelled: collected.cancelled,
  };
  if (cache && mark !== undefined && !collected.cancelled && collected.walk && collected.inherited) {
    const walked: WalkedScope = {
      root,
      workspaceRoot: options.workspaceRoot,
      walk: collected.walk,
      walkedFiles: reusable?.walked.walk === collected.walk ? reusable.walked.walkedFiles : await pathSet(collected.walk.files, slicer),
      inherited: new Set(collected.inherited),
    };
    // The practices' and signals' texts repeat in every service (the same matrix): kept once.
    cache.shared(scanned.concerns);
    cache.shared(scanned.signals);
    cache.rememberScope(root, {
      mark,
      stageKey,
      walked,
      files: facts.files,
      scanned: { ...scanned, slicer: undefined },
      settled,
      workspaceFacts,
      ...(facts.gitlabIncluded ? { gitlabIncluded: facts.gitlabIncluded } : {}),
    } satisfies ScopeRecord);
  }
  if (!collected.cancelled) options.onScopeFacts?.(root, { workspaceFacts, files: facts.files });
  return scanned;
}

/** The scope's last scan, standing as it was (its number too), current in the cache as of `mark`. */
function lastScanStands(
  root: string,
  record: ScopeRecord,
  cache: ScanCache,
  mark: number,
  slicer: TimeSlicer,
  options: AssessOptions,
): ScannedScope {
  cache.rememberScope(root, { ...record, mark });
  options.onScopeFacts?.(root, { workspaceFacts: record.workspaceFacts, files: record.files });
  return { ...record.scanned, slicer };
}

/** The scans made so far in this process (ScannedScope.scan). */
let scansMade = 0;

/** What the cache keeps of a scope's last scan, for a rescan told which paths changed since `mark`. */
interface ScopeRecord {
  mark: number;
  stageKey: string;
  walked: WalkedScope;
  /** The scope's files, as its facts listed them (path → relative), for a probe of changed files. */
  files: ReadonlyMap<string, string>;
  scanned: Omit<ScannedScope, 'slicer'> & { slicer: undefined };
  /** The analyses of the files analysed once the facts were known, by path. */
  settled: ReadonlyMap<string, FileAnalysis | undefined>;
  workspaceFacts: WorkspaceFacts;
  /** The files the scope's GitLab pipelines include (kindContextOf reads them): settled analyses stand while they do. */
  gitlabIncluded?: ReadonlySet<string>;
}

/** What a scope's scan depends on besides its files: its `.stage.yml` (and team matrix) and the options. */
function scopeInputsKey(stageFile: StageFileState | undefined, options: AssessOptions): string {
  return JSON.stringify([
    stageFile?.path,
    stageFile?.text,
    stageFile?.unreadable,
    stageFile?.teamMatrix ? stageFile.matrix : undefined,
    options.stageOverride,
    options.maxFileBytes,
  ]);
}

/** A deferred analysis, now that the workspace facts are known. */
function settle(
  file: DeferredAnalysis,
  facts: EvidenceFacts,
  workspaceFacts: WorkspaceFacts,
  fixes: AssessOptions['fixes'],
): FileAnalysis | undefined {
  if ('early' in file) return settleAnalysis(file.early, workspaceFacts);
  const parsed = file.parsed;
  // Without hover anchors, as fileProducts analyses (an assessment shows none).
  const context = { ...kindContextOf(facts), anchors: false };
  const analysis = analyzeFile(file.path, file.text, workspaceFacts, parsed ? { ...context, parsedYaml: () => parsed } : context);
  return analysis ? keptForAssessment(analysis, fixes) : undefined;
}

/**
 * The scope's last scan with the probed files' new products in place of their old ones (their evidence is the
 * same, so only their analyses change); undefined when a file's products changed shape (an analysis appeared or
 * went, a link to other files changed): the scope is then scanned as usual. `asBefore` when every file's analysis
 * is the same value as before (a comment edited in place, a line added at the end): the last scan then stands as
 * it was, its analyses' objects kept, and nothing made of it needs making again (reassessScope.ts).
 */
function patchedScope(
  record: ScopeRecord,
  probed: ProbedFile[],
  facts: EvidenceFacts,
  fixes: AssessOptions['fixes'],
  cache: ScanCache,
): { scanned: ScannedScope['analyses']; settled: Map<string, FileAnalysis | undefined>; asBefore: boolean } | undefined {
  const analyses = [...record.scanned.analyses];
  const settled = new Map(record.settled);
  let asBefore = true;
  for (const { read, previous, cached } of probed) {
    const before = (previous.products ?? {}) as FileProducts;
    const after = fileProducts(read, facts, fixes);
    if (!sameValue(before.support, after.support)) return undefined;
    const old = before.analysis ?? (before.deferred ? record.settled.get(read.path) : undefined);
    let analysis = after.analysis;
    if (after.deferred) analysis = settle(after.deferred, facts, record.workspaceFacts, fixes);
    if ((old === undefined) !== (analysis === undefined) || Boolean(before.deferred) !== Boolean(after.deferred)) return undefined;
    if (old && analysis && sameValue(old, analysis)) {
      // The same analysis: the old object stays where the scan and the cache hold it (a later patch finds it there).
      // A deferred file's products are its text, which a later settling reads: the new one.
      cached.products = after.deferred ? cache.shared(cachedProducts(after)) : previous.products;
      continue;
    }
    asBefore = false;
    if (after.deferred) settled.set(read.path, analysis);
    if (old && analysis) {
      const index = analyses.findIndex((file) => file.analysis === old);
      if (index < 0) return undefined;
      analyses[index] = { path: read.path, analysis };
    }
    // As a full scan keeps them (a deferred analysis's text, not its parse).
    cached.products = cache.shared(cachedProducts(after));
  }
  return { scanned: analyses, settled, asBefore };
}

/** One model of the deployment from the files of every scanned service (links cross service folders: a root compose file builds a service's Dockerfile). */
export function deploymentModelOf(scopes: readonly ScannedScope[], repositoryRoot: string): DeploymentModel {
  return new DeploymentModel(deploymentDigestsOf(scopes), { repositoryRoot, serviceRoots: scopes.map((scope) => scope.root) });
}

/** What the deployment model is built from: every scanned service's digests, in order. */
export function deploymentDigestsOf(scopes: readonly ScannedScope[]): FileDigest[] {
  const digests: FileDigest[] = [];
  const steps = deploymentDigestSteps(scopes, digests);
  while (!steps.next().done);
  return digests;
}

/**
 * deploymentDigestsOf in steps, into `digests`: a pause point every 256 analyses and between services, so the editor
 * can gather a large workspace's tens of thousands of analyses with event-loop turns between them.
 */
export function* deploymentDigestSteps(scopes: Iterable<ScannedScope>, digests: FileDigest[]): Generator<void, void> {
  for (const scope of scopes) {
    for (let index = 0; index < scope.analyses.length; index++) {
      if ((index & 255) === 255) yield;
      for (const digest of scope.analyses[index].analysis.digests ?? []) digests.push(digest);
    }
    yield;
    for (const digest of scope.supportDigests) digests.push(digest);
  }
}

/** Judges a scanned service's findings by the deployment model, places them on its stage ladder and adds its practices. */
export async function finishScope(
  scanned: ScannedScope,
  model: DeploymentModel,
  options: AssessOptions,
  judgements?: Judgements,
): Promise<ScopeResult> {
  const { root, stageFile, governing, slicer, concerns } = scanned;
  const configParseProblems: ConfigParseProblem[] = [];
  const ruleCatalog = options.ruleCatalog ?? builtinRuleCatalog();
  const judged: AnalyzedConfigFile[] = [];
  for (const file of scanned.analyses) {
    // Judging asks the model about every finding: on a large workspace, thousands of files' worth.
    await slicer.maybeYield();
    const earlier = judgements?.before?.get(file.analysis);
    const analysis =
      earlier && (judgements?.stands?.(earlier, file.analysis) ?? true)
        ? earlier
        : judgeAnalysis(file.path, file.analysis, model, ruleCatalog, { hoverNotes: false });
    judgements?.after.set(file.analysis, analysis);
    judged.push({ path: file.path, analysis });
  }
  // A Helm chart's values.yaml, judged by what its templates read (the editor makes the same from the open file).
  for (const digest of scanned.supportDigests) {
    // Every values file of every chart is judged by what its chart's templates read: hundreds on a large workspace.
    if (digest.type === 'helm-values') await slicer.maybeYield();
    const analysis = digest.type === 'helm-values' ? helmValuesAnalysis(digest, model, ruleCatalog) : undefined;
    if (analysis) judged.push({ path: digest.path, analysis });
  }
  const findings = scanned.cancelled
    ? []
    : await configFindings(judged, governing, ruleCatalog, options.today, slicer, configParseProblems);
  const service: ServiceAssessment = {
    root,
    stageFileProblems: stageFile?.problems ?? [],
    stageOverridden: options.stageOverride !== undefined,
    concerns,
    findings,
    readiness: readinessFor(concerns, findings, governing.next),
    signals: scanned.signals,
    stats: scanned.stats,
  };
  for (const problem of scanned.evidenceParseProblems) {
    const at = { line: problem.line, character: problem.column };
    configParseProblems.push({ path: problem.path, range: { start: at, end: at }, message: problem.message });
  }
  if (configParseProblems.length > 0) service.configParseProblems = configParseProblems;
  if (stageFile) service.stageFile = stageFile.path;
  if (stageFile?.config.name) service.name = stageFile.config.name;
  if (stageFile?.config.stage) service.declaredStage = stageFile.config.stage;
  if (governing.stage) service.stage = governing.stage;
  if (governing.next) service.next = governing.next;
  return { service, nestedScopes: scanned.nestedScopes, cancelled: scanned.cancelled };
}

/** What every file of a scope is analysed with: the workspace-level facts its rules read. */
function workspaceFactsOf(facts: EvidenceFacts, root: string): WorkspaceFacts {
  return {
    deploysWithKubernetes: facts.resources.some(runsPodsOnKubernetes),
    githubCiTests: githubCiTestsOf(facts),
    gitlabCi: gitlabCiFacts(
      facts.ci.flatMap((ci) => (ci.gitlab ? [ci.gitlab] : [])),
      [...(facts.gitlabIncluded ?? [])].filter((path) => fileKindByName(path) === CONTENT_DECIDES_KIND),
    ),
    ...(facts.terraform.length > 0
      ? { terraform: { files: facts.terraform, root, lockFiles: terraformLockFiles(facts.files.keys()) } }
      : {}),
  };
}

/** The repository's CI workflows judged together (the same models the evidence "CI runs the tests" reads). */
function githubCiTestsOf(facts: EvidenceFacts): RepositoryCiTests {
  return repositoryCiTests(
    workflowRepository(
      facts.ci.flatMap((ci) => (ci.workflow ? [ci.workflow] : [])),
      facts.compositeActions,
    ),
  );
}

/** `--stage S`: S replaces the declared stage (and its target becomes the stage after S). */
export function withStageOverride(governing: Governing, stage: StageId | undefined): Governing {
  if (!stage) return governing;
  return { ...governing, stage, next: stageAfter(stage) };
}
