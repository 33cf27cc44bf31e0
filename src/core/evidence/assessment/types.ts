import type { Practice } from '../../matrix/types';
import type { RelatedPlace, RuleFix } from '../../rules/types';
import type { RoleVerdict } from '../../deployment/types';
import type { FindingSeverity, FindingStatus, SuppressedBy } from '../../rules/engine/evaluate';
import type { StageFileProblem } from '../../stageFile/types';
import type { StageId } from '../../stages';
import type { Range } from '../../text';
import type { ScanStats } from '../scan/collectFacts';
import type { EvidenceItem, SignalResult } from '../signals/evaluateSignals';

/**
 * The result shapes of an assessment: what the CLI prints and what the
 * editor's sidebar and upgrades checklist render. Plain data throughout
 * (absolute POSIX paths, zero-based lines), so it can cross to a webview.
 */

export type PracticeStatus = 'met' | 'missing' | 'unknown';

/** Where a practice sits relative to the stage that governs its concern. */
export type PracticeTiming = 'due' | 'next' | 'future';

export type UnknownReason =
  /** The practice names no evidence: nothing in files can show it (a feedback channel, blameless postmortems). */
  | { kind: 'not-observable' }
  /** It could be observed, but a precondition is not (a database standby in a service with no database). */
  | { kind: 'not-applicable'; context: string; description: string };

export interface SatisfyingSignal {
  signal: string;
  /** What the signal means when observed. */
  description: string;
  /** What would satisfy it. */
  satisfiedBy: string;
}

export interface PracticeAssessment {
  practice: Practice;
  concernId: string;
  /** The stage whose cell lists the practice. */
  stage: StageId;
  status: PracticeStatus;
  timing: PracticeTiming;
  /**
   * Met: the places that prove it (file and, where it matters, a zero-based line). Read-only, as the lists below:
   * shared with the signal that observed them, and empty lists with every status (kept for each practice of every
   * service while the editor keeps the workspace).
   */
  evidence: readonly EvidenceItem[];
  /** Missing: the signals any one of which would satisfy it (one list per practice of a catalogue). */
  satisfiedBy: readonly SatisfyingSignal[];
  /** Missing: places that keep an "every …" signal from holding (e.g. the Deployment without probes). */
  counterEvidence: readonly EvidenceItem[];
  /** Unknown: why nothing was decided. */
  unknownReason?: UnknownReason;
}

/**
 * One stage of a concern's ladder: `met` when it has observable practices and
 * all are met, `gaps` when one is missing, `unobservable` when none of its
 * practices can be observed (such a stage neither blocks the ladder nor is
 * claimed as reached).
 */
export interface LadderRung {
  stage: StageId;
  status: 'met' | 'gaps' | 'unobservable';
  met: number;
  missing: number;
  unknown: number;
}

/** The sidebar's badge: practices up to the concern's stage all met, some missing, or none observable (or no stage declared). */
export type ConcernBadge = 'met' | 'gaps' | 'unknown';

export interface ConcernAssessment {
  id: string;
  name: string;
  /** The stage governing this concern (per-concern override, else the declared or --stage one). */
  stage?: StageId;
  next?: StageId;
  /**
   * The highest stage whose observable practices — its own and every lower
   * stage's — are all met, and which has at least one observable practice.
   * Null when not even the first observable stage is met.
   */
  observedStage: StageId | null;
  ladder: LadderRung[];
  badge: ConcernBadge;
  /** Every practice of every stage, in stage order. */
  practices: PracticeAssessment[];
}

/** A config-file finding from the rule engine, placed on the stage ladder. */
export interface ConfigFinding {
  path: string;
  range: Range;
  ruleId: string;
  concern: string;
  /** The rule's `from` stage. */
  stage: StageId;
  status: FindingStatus;
  /** Undefined when not reported (future, or silenced: see `suppressedBy`). */
  severity: FindingSeverity | undefined;
  /** "production", "next: production", "later: enterprise". */
  label: string;
  message: string;
  title: string;
  why: string;
  fixText: string;
  docUrl: string;
  /** The quick fix, when the rule has one for this occurrence. */
  fix?: RuleFix;
  suppressedBy?: SuppressedBy;
  /** The role of the unit the finding is about (workspace model), and why it was assumed. */
  role?: RoleVerdict;
  /** The other files the finding was judged from. */
  related?: RelatedPlace[];
}

export interface ConcernReadiness {
  concernId: string;
  concernName: string;
  from: StageId;
  to: StageId;
  /** Practices the target stage adds (every stage after `from` up to `to`), each met, missing or unknown. */
  practices: PracticeAssessment[];
  /** Config-file findings due at the target stage (status "next") for this concern. */
  findings: ConfigFinding[];
}

export interface Readiness {
  /** The target stage; undefined without a declared stage or at the last stage. */
  to?: StageId;
  concerns: ConcernReadiness[];
  met: number;
  missing: number;
  unknown: number;
  findings: number;
}

export interface ServiceAssessment {
  /** The service folder (a `.stage.yml` folder, or the checked folder when none governs it). */
  root: string;
  stageFile?: string;
  stageFileProblems: StageFileProblem[];
  name?: string;
  declaredStage?: StageId;
  /** The stage assessed against: `--stage` when given, else the declared one. */
  stage?: StageId;
  next?: StageId;
  stageOverridden: boolean;
  concerns: ConcernAssessment[];
  /** Every staged finding in the service's config files (reported, future and silenced ones). */
  findings: ConfigFinding[];
  readiness: Readiness;
  signals: SignalResult[];
  stats: ScanStats;
  /**
   * Config files the rule engine could not parse or analyse in full (an alias
   * bomb, invalid YAML, a rule that failed), located: their findings may be
   * missing, so reporters say so instead of passing them silently.
   */
  configParseProblems?: ConfigParseProblem[];
}

export interface ConfigParseProblem {
  path: string;
  range: Range;
  message: string;
}

export interface WorkspaceAssessment {
  workspaceRoot: string;
  /** The folder that was asked about. */
  target: string;
  services: ServiceAssessment[];
  cancelled: boolean;
}

export type { EvidenceItem, SignalResult };
