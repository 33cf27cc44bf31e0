import type { CoreFileSystem } from '../../fileSystem';
import { builtinRuleCatalog } from '../../rules/engine/ruleCatalog';
import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import { analysisReadsWorkspaceFacts, analyzeFile } from '../../rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import { STAGE_IDS, stageAfter } from '../../stages';
import type { StageId } from '../../stages';
import { governingFrom, nextStageForConcern, stageForConcern } from '../../workspace/stageResolution';
import type { Governing, StageFileState } from '../../workspace/stageResolution';
import { repositoryCiTests, workflowRepository } from '../../ci/ciTestRuns';
import type { RepositoryCiTests } from '../../ci/ciTestRuns';
import type { EvidenceFacts } from '../facts';
import { builtinSignalCatalog } from '../catalog/signalCatalog';
import type { SignalCatalog } from '../catalog/types';
import { TimeSlicer } from '../scan/cancellation';
import type { Cancellation } from '../scan/cancellation';
import { collectFacts } from '../scan/collectFacts';
import type { ScanProgress } from '../scan/collectFacts';
import { isWorkloadResource } from '../signals/derived/workloads';
import { evaluateSignals } from '../signals/evaluateSignals';
import { configFindings, mayBeConfigFile } from './configFindings';
import type { ConfigFileInput } from './configFindings';
import { concernBadge, ladderRungs, observedStage } from './ladder';
import { assessPractice, practiceTiming } from './practiceStatus';
import { readinessFor } from './readiness';
import type { ConcernAssessment, ConfigParseProblem, ServiceAssessment } from './types';

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
  /** The time budget between event-loop turns; a scan makes its own (10 ms) when absent. Tests pass `new TimeSlicer(0)` to count turns. */
  slicer?: TimeSlicer;
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

/** Assesses one service: its subtree (without nested services), its practices per concern, its config findings. */
export async function assessScope(root: string, stageFile: StageFileState | undefined, options: AssessOptions): Promise<ScopeResult> {
  const catalog = options.signalCatalog ?? builtinSignalCatalog();
  const governing = withStageOverride(governingFrom(stageFile), options.stageOverride);
  const configFiles: ConfigFileInput[] = [];
  const slicer = options.slicer ?? new TimeSlicer();
  const collected = await collectFacts({
    slicer,
    fs: options.fs,
    root,
    workspaceRoot: options.workspaceRoot,
    ignoreGlobs: stageFile?.config.ignore ?? [],
    catalog,
    cancellation: options.cancellation,
    maxFileBytes: options.maxFileBytes,
    onProgress: (progress) => options.onProgress?.({ ...progress, service: root }),
    onFileText: (file, scanned) => {
      if (file.inherited || !mayBeConfigFile(file.basename)) return;
      if (analysisReadsWorkspaceFacts(file.path)) {
        const parsed = file.yaml?.();
        configFiles.push(parsed ? { path: file.path, text: file.text, parsed } : { path: file.path, text: file.text });
        return;
      }
      // Analysed now, on the readers' parse: keeping every parse until the scan ends would cost far more memory than the findings.
      const analysis = analyzeFile(file.path, file.text, NO_WORKSPACE_FACTS, {
        isFile: (path) => scanned.files.has(path),
        parsedYaml: file.yaml,
      });
      if (analysis) configFiles.push({ path: file.path, analysis });
    },
  });
  const { facts } = collected;
  const signals = await evaluateSignals(catalog, facts, slicer);
  const concerns: ConcernAssessment[] = governing.matrix.concerns.map((concern) => {
    const stage = stageForConcern(governing, concern.id);
    const next = nextStageForConcern(governing, concern.id);
    const practices = STAGE_IDS.flatMap((cellStage) =>
      concern.cells[cellStage].practices.map((practice) =>
        assessPractice(practice, concern.id, cellStage, practiceTiming(cellStage, stage, next), { catalog, signals }),
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
  const workspaceFacts = { deploysWithKubernetes: facts.resources.some(isWorkloadResource), githubCiTests: githubCiTestsOf(facts) };
  const configParseProblems: ConfigParseProblem[] = [];
  const findings = collected.cancelled
    ? []
    : await configFindings(
        configFiles,
        governing,
        workspaceFacts,
        options.ruleCatalog ?? builtinRuleCatalog(),
        options.today,
        (path) => facts.files.has(path),
        slicer,
        configParseProblems,
      );
  const service: ServiceAssessment = {
    root,
    stageFileProblems: stageFile?.problems ?? [],
    stageOverridden: options.stageOverride !== undefined,
    concerns,
    findings,
    readiness: readinessFor(concerns, findings, governing.next),
    signals: [...signals.values()],
    stats: collected.stats,
  };
  for (const problem of facts.parseProblems) {
    const at = { line: problem.line, character: problem.column };
    configParseProblems.push({ path: problem.path, range: { start: at, end: at }, message: problem.message });
  }
  if (configParseProblems.length > 0) service.configParseProblems = configParseProblems;
  if (stageFile) service.stageFile = stageFile.path;
  if (stageFile?.config.name) service.name = stageFile.config.name;
  if (stageFile?.config.stage) service.declaredStage = stageFile.config.stage;
  if (governing.stage) service.stage = governing.stage;
  if (governing.next) service.next = governing.next;
  return { service, nestedScopes: collected.nestedScopes, cancelled: collected.cancelled };
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
