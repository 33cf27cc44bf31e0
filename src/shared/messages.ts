// The typed contract between the extension host and its webviews (the sidebar view and the
// upgrades and matrix panels). Both sides import this one module, so a renamed field breaks the
// build instead of silently breaking the view. Everything here is plain serialisable data:
// it crosses `postMessage` as structured clone.
import { pluralForm } from '../core/plural';
import type { PluralForms } from '../core/plural';
import type { StageId } from '../core/stages';

/** A zero-based position range, as the core and VS Code use it. */
export interface RangeView {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A place in a workspace file the host can open: a URI string and, optionally, a range to select. */
export interface FileLocation {
  uri: string;
  range?: RangeView;
}

export interface StageRef {
  id: StageId;
  /** The seed's full name, e.g. "Minimum Viable Product (MVP)". */
  name: string;
  /** The matrix's short name, e.g. "MVP". */
  shortName: string;
}

/** Whether the workspace shows a practice (filled in by the evidence scan of a later issue). */
export type PracticeStatus = 'met' | 'missing' | 'unknown';

/** A place in the workspace that proves a practice (or keeps it from holding): a link that opens it. */
export interface EvidenceView {
  /** The file, relative to its workspace folder, with `:line` when a line matters. */
  label: string;
  /** What was observed there, e.g. "readinessProbe on container api". */
  detail: string;
  location: FileLocation;
}

export interface PracticeView {
  id: string;
  title: string;
  rationale: string;
  /** An http(s) reference; the host opens it with `env.openExternal`. */
  link?: string;
  origin: 'builtin' | 'team';
  /** What the evidence scan decided; absent until a scan has finished (or when scanning is off). */
  status?: PracticeStatus;
  /** Met: the places that prove it. */
  evidence?: EvidenceView[];
  /** Missing: the places that keep it from holding (e.g. the Deployment without probes). */
  counterEvidence?: EvidenceView[];
  /** Missing: what would satisfy it, any one of these (from data/signals.yml). */
  satisfiedBy?: string[];
  /** Unknown because a precondition does not hold here (e.g. "no database in this service"); otherwise unknown means not observable in files. */
  notApplicable?: string;
}

/** A concern's badge once evidence exists: all met, some missing, or nothing to decide by. */
export type ConcernBadge = 'met' | 'gaps' | 'unknown';

export interface ConcernNextView {
  stage: StageRef;
  /** The next stage's cell text, verbatim. */
  text: string;
  textFromTeam: boolean;
  /** Practices of every stage after the concern's own, up to and including `stage`. */
  newPractices: PracticeView[];
}

export interface ConcernView {
  id: string;
  name: string;
  origin: 'builtin' | 'team';
  /** The stage governing this concern: a per-concern override in `.stage.yml`, else the declared stage. */
  stage: StageRef;
  /** True when `.stage.yml` sets this concern's stage under `concerns:`. */
  stageOverridden: boolean;
  /** The cell's text, verbatim (the seed's, or the team matrix's replacement). */
  text: string;
  textFromTeam: boolean;
  practices: PracticeView[];
  /** What the next stage asks of this concern; absent at the last stage. */
  next?: ConcernNextView;
  /**
   * What the evidence scan observed: the highest stage whose observable practices are all met
   * (absent when not even the first is) and the badge for the practices due at `stage`.
   */
  observed?: { stage?: StageRef; badge: ConcernBadge };
}

export interface ProblemView {
  code: string;
  message: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** One-based line, for people. */
  line: number;
  location: FileLocation;
}

export interface StageFileView {
  /** Where the file is, relative to its workspace folder (prefixed with the folder's name in a multi-root workspace). */
  label: string;
  uri: string;
}

export interface ProblemsView {
  count: number;
  errorCount: number;
  /** The first problem in the file, errors before warnings. */
  first?: ProblemView;
}

/** Nothing governs the file in view: no `.stage.yml`, or no folder open at all. */
export interface SidebarEmptyModel {
  kind: 'empty';
  reason: 'no-stage-file' | 'no-folder';
}

export interface SidebarStageModel {
  kind: 'stage';
  stageFile: StageFileView;
  /** `name:` from `.stage.yml`, when set. */
  displayName?: string;
  /** The declared stage with its goal; absent when `stage:` is missing or invalid. */
  stage?: StageRef & { goal: string };
  /** The file's target stage (`next:` or the stage after). */
  next?: StageRef;
  problems: ProblemsView;
  concerns: ConcernView[];
  /** The evidence scan of this service; absent when scanning is turned off (`stageGuide.evidence.enabled`) or in Restricted Mode. */
  evidence?: EvidenceStateView;
  /** What is off because the workspace is not trusted (VS Code's Restricted Mode); absent when trusted. */
  restricted?: RestrictedModeView;
}

/** The parts of Stage Guide Restricted Mode keeps off (see src/core/workspace/trustPolicy.ts), as the sidebar explains them. */
export interface RestrictedModeView {
  /** The workspace scan (badges, observed stages, the checklist) does not run. */
  scanOff: boolean;
  /** `.stage.yml` names a team matrix (`matrix:`) that is not read: the built-in matrix is shown. */
  teamMatrixOff: boolean;
}

/** How far a service's evidence scan has got: shown the same way in the sidebar and the upgrades checklist. */
export interface ScanStateView {
  /** A scan is running; results shown meanwhile are the previous scan's. */
  scanning: boolean;
  /** The running scan's progress, when it has reported any. */
  progress?: { phase: 'walking' | 'reading'; entries: number; filesRead: number };
  /** A scan has finished for this service, so statuses and badges are shown. */
  assessed: boolean;
  /** Why the last scan failed, when it did. */
  error?: string;
}

/** The sidebar's evidence state: the scan, and the concerns observed below their stage. */
export interface EvidenceStateView extends ScanStateView {
  /** Concerns whose observed stage is below the stage that governs them, in matrix order. */
  behind: Array<{ id: string; name: string; observed?: StageRef }>;
}

export type SidebarModel = SidebarEmptyModel | SidebarStageModel;

/** A config-file finding due at the target stage, listed under its concern in the upgrades checklist. */
export interface FindingView {
  ruleId: string;
  message: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** The file relative to its workspace folder, with `:line`. */
  place: string;
  location: FileLocation;
  /** The quick fix's title, when the rule can fix this occurrence (the host recomputes it before applying). */
  fixTitle?: string;
}

export interface ConcernUpgradeView {
  id: string;
  name: string;
  from: StageRef;
  to: StageRef;
  stageOverridden: boolean;
  /** True when a per-concern override already puts this concern at or past the target. */
  alreadyThere: boolean;
  currentText: string;
  nextText: string;
  newPractices: PracticeView[];
  /** 0 … 1: how much changes; the list is ordered by it, most first. */
  change: number;
  /** Config-file findings due at the target stage (present once the evidence scan has run). */
  findings?: FindingView[];
}

/** The checklist's scan state and totals over every concern; absent when scanning is turned off. */
export interface ReadinessView extends ScanStateView {
  met: number;
  missing: number;
  unknown: number;
  findings: number;
}

export type UpgradesModel =
  | { kind: 'no-stage-file'; title: string }
  | { kind: 'no-stage'; title: string; stageFile: StageFileView; problems: ProblemsView }
  | { kind: 'last-stage'; title: string; stageFile: StageFileView; stage: StageRef }
  | {
      kind: 'upgrade';
      title: string;
      stageFile: StageFileView;
      displayName?: string;
      from: StageRef;
      to: StageRef;
      problems: ProblemsView;
      concerns: ConcernUpgradeView[];
      readiness?: ReadinessView;
      /** What is off because the workspace is not trusted; absent when trusted. */
      restricted?: RestrictedModeView;
    };

export interface MatrixCellView {
  stage: StageId;
  text: string;
  textFromTeam: boolean;
  practices: Array<Pick<PracticeView, 'id' | 'title' | 'origin'>>;
  /** The stage that governs this concern in the workspace (its override, or the declared stage). */
  governing: boolean;
}

export interface MatrixModel {
  title: string;
  stages: Array<StageRef & { governing: boolean }>;
  concerns: Array<{ id: string; name: string; origin: 'builtin' | 'team'; cells: MatrixCellView[] }>;
  /** The governing `.stage.yml`, when there is one. */
  stageFile?: StageFileView;
  governingStage?: StageRef;
}

/**
 * Commands a webview may ask the host to run: an allowlist, never an arbitrary id. The workbench's
 * own "Manage Workspace Trust" is here so the Restricted Mode notice can offer it; it only opens
 * the trust editor, where the user decides.
 */
export const WEBVIEW_COMMANDS = [
  'stageGuide.createStageFile',
  'stageGuide.setStage',
  'stageGuide.showUpgrades',
  'stageGuide.showMatrix',
  'workbench.trust.manage',
] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** Which of the extension's webviews a message is for; each renders one kind of model. */
export interface ModelByView {
  sidebar: SidebarModel;
  upgrades: UpgradesModel;
  matrix: MatrixModel;
}
export type ViewKind = keyof ModelByView;

/** Host → webview: the model to render, the UI strings (translated by the host) and a version to acknowledge. */
export interface RenderMessage<K extends ViewKind = ViewKind> {
  type: 'render';
  view: K;
  version: number;
  model: ModelByView[K];
  labels: Labels;
}

/** Webview → host. */
export type WebviewToHost =
  /** The script is running and wants the current model (sent on every load, e.g. after the view was hidden). */
  | { type: 'ready' }
  /** A model was put on screen. */
  | { type: 'rendered'; version: number }
  | { type: 'openLink'; url: string }
  | { type: 'openFile'; location: FileLocation }
  /** Apply the quick fix of `ruleId` at `location`; the host recomputes it from the file's current text. */
  | { type: 'applyFix'; location: FileLocation; ruleId: string }
  | { type: 'runCommand'; command: WebviewCommand };

/**
 * Messages from a webview are checked before use: the webview only renders our data, but a
 * host that trusts its input blindly is one bug away from opening whatever a cell says.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return typeof value.version === 'number' ? { type: 'rendered', version: value.version } : undefined;
    case 'openLink':
      return typeof value.url === 'string' ? { type: 'openLink', url: value.url } : undefined;
    case 'openFile':
      return isFileLocation(value.location) ? { type: 'openFile', location: value.location } : undefined;
    case 'applyFix':
      return isFileLocation(value.location) && value.location.range !== undefined && typeof value.ruleId === 'string'
        ? { type: 'applyFix', location: value.location, ruleId: value.ruleId }
        : undefined;
    case 'runCommand':
      return (WEBVIEW_COMMANDS as readonly unknown[]).includes(value.command)
        ? { type: 'runCommand', command: value.command as WebviewCommand }
        : undefined;
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return isRecord(value) && Number.isInteger(value.line) && Number.isInteger(value.character);
}

function isFileLocation(value: unknown): value is FileLocation {
  if (!isRecord(value) || typeof value.uri !== 'string') return false;
  if (value.range === undefined) return true;
  return isRecord(value.range) && isPosition(value.range.start) && isPosition(value.range.end);
}

/**
 * Every UI string a webview shows that does not come from files. The host fills them through
 * `vscode.l10n.t` (webviews have no l10n API), so the views translate with the extension.
 * `{0}`-style placeholders are filled in the webview with `formatLabel`.
 */
export const LABEL_KEYS = [
  'compareWithNext',
  'nextBadge',
  'noNextStage',
  'newPracticesAt',
  'noNewPractices',
  'practices',
  'noPractices',
  'learnMore',
  'emptyNoStageFile',
  'emptyNoFolder',
  'createStageFile',
  'openStageFile',
  'setStage',
  'governedBy',
  'goal',
  'stageOverridden',
  'fromTeamMatrix',
  'problemsMore',
  'noValidStage',
  'problemAtLine',
  'concernsHeading',
  'upgradeCurrent',
  'upgradeNoChange',
  'upgradeAlreadyThere',
  'upgradeLastStage',
  'upgradeNoStageFile',
  'upgradeNoStage',
  'findings',
  'matrixConcern',
  'matrixGoverning',
  'matrixNoStageFile',
  'scanning',
  'observedStage',
  'badgeMet',
  'badgeGaps',
  'badgeUnknown',
  'statusMet',
  'statusMissing',
  'statusUnknown',
  'scanningProgress',
  'observedNone',
  'evidenceBehind',
  'evidenceAllThere',
  'evidenceFailed',
  'openFinding',
  'counterEvidence',
  'declaredObserved',
  'declaredObservedNone',
  'satisfiedBy',
  'notObservable',
  'notApplicable',
  'restrictedTitle',
  'restrictedScanOff',
  'restrictedMatrixOff',
  'manageTrust',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

/**
 * Labels that count something: one whole message per form ("a problem" / "{0} problems"), so
 * no view writes "problem(s)". `formatCountLabel` picks the form with the core's `pluralForm`.
 */
export const COUNT_LABEL_KEYS = [
  'invalidStageFile',
  'warningsOnly',
  'readinessSummary',
  'readinessFindings',
  'entriesSeen',
  'filesRead',
] as const;
export type CountLabelKey = (typeof COUNT_LABEL_KEYS)[number];
export type Labels = Record<LabelKey, string> & Record<CountLabelKey, PluralForms>;

/** Fills `{0}`, `{1}` … with the given values; a placeholder without a value stays as written. */
export function formatLabel(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** The form of `forms` that fits `count`, filled like `formatLabel` (the count is one of `values`). */
export function formatCountLabel(forms: PluralForms, count: number, ...values: Array<string | number>): string {
  return formatLabel(pluralForm(count, forms), ...values);
}
