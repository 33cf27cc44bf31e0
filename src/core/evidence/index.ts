/**
 * Evidence: what a workspace really shows of the matrix's practices, per
 * service (`.stage.yml` subtree), and its readiness for the next stage.
 * vscode-free; reads through CoreFileSystem, so the CLI (node fs) and the
 * extension (workspace.fs) share it.
 *
 * Entry point: `assessWorkspace(folder, options)` → WorkspaceAssessment.
 */
export { assessWorkspace } from './assessment/assessWorkspace';
export { assessScope, withStageOverride } from './assessment/assessService';
export { affectsEvidence } from './assessment/watchFilter';
export { chartFileListed, chartsKeyOf, scopeFactsFor, workspaceModelScan } from './assessment/workspaceModelScan';
export type { ScopeModelFacts, WorkspaceModelScan } from './assessment/workspaceModelScan';
export type { AssessOptions, AssessProgress } from './assessment/assessService';
export type {
  ConcernAssessment,
  ConcernBadge,
  ConcernReadiness,
  ConfigFinding,
  EvidenceItem,
  LadderRung,
  PracticeAssessment,
  PracticeStatus,
  PracticeTiming,
  Readiness,
  SatisfyingSignal,
  ServiceAssessment,
  SignalResult,
  UnknownReason,
  WorkspaceAssessment,
} from './assessment/types';
export { builtinSignalCatalog } from './catalog/signalCatalog';
export type { SignalCatalog, SignalDefinition } from './catalog/types';
export type { Cancellation } from './scan/cancellation';
export { MAX_FILE_BYTES } from './scan/collectFacts';
export { ScanCache } from './scan/scanCache';
export { scopeFileWorker } from './assessment/scopeFileWork';
export type { FileJob, FileWork, ScopeFileContext, WorkedFile, WorkedFiles } from './scan/fileWorkTypes';
export type { ScanStats } from './scan/collectFacts';
export { NEVER_DESCEND } from './scan/neverDescend';
