// Puts an evidence assessment (the core's ServiceAssessment) onto the sidebar and upgrades
// models: badges, observed stages, practice statuses with their evidence links, and the
// findings due at the next stage. Pure (no `vscode`): the core decides every status; this only
// chooses what the views show of it, so it is unit-tested in plain node.
import type { EvidenceItem, PracticeAssessment, ServiceAssessment } from '../../core/evidence/index';
import type { Matrix } from '../../core/matrix/types';
import { compareStages } from '../../core/stages';
import type {
  ConcernUpgradeView,
  ConcernView,
  EvidenceStateView,
  EvidenceView,
  FindingView,
  PracticeView,
  ReadinessView,
  ScanStateView,
  SidebarStageModel,
  UpgradesModel,
} from '../../shared/messages';
import { stageRef } from '../sidebar/modelParts';

/** How the host names and opens a core path (an absolute POSIX path in a workspace folder). */
export interface PlaceNamer {
  /** The URI string the views open. */
  uri(path: string): string;
  /** The path as people read it: relative to its workspace folder. */
  label(path: string): string;
}

/** What the evidence service knows of one service at the moment a view is built. */
export interface EvidenceSnapshot {
  /** The last finished scan's result; undefined before the first scan finishes. */
  assessment?: ServiceAssessment;
  scanning: boolean;
  progress?: ScanStateView['progress'];
  error?: string;
}

/** Evidence places shown per practice; a Deployment-per-file monorepo could name hundreds. */
const MAX_PLACES = 20;

/** The sidebar model with the assessment's badges, observed stages and practice evidence. */
export function withSidebarEvidence(
  model: SidebarStageModel,
  snapshot: EvidenceSnapshot,
  matrix: Matrix,
  places: PlaceNamer,
): SidebarStageModel {
  const { assessment } = snapshot;
  const state: EvidenceStateView = { ...scanState(snapshot), behind: [] };
  if (!assessment) return { ...model, evidence: state };

  const statuses = practiceStatuses(assessment, places);
  const concerns = model.concerns.map((concern): ConcernView => {
    const assessed = assessment.concerns.find((candidate) => candidate.id === concern.id);
    if (!assessed) return concern;
    const observedStage = assessed.observedStage ?? undefined;
    const view: ConcernView = {
      ...concern,
      practices: concern.practices.map((practice) => withStatus(practice, statuses)),
      observed: { badge: assessed.badge, ...(observedStage ? { stage: stageRef(matrix, observedStage) } : {}) },
    };
    if (concern.next)
      view.next = { ...concern.next, newPractices: concern.next.newPractices.map((practice) => withStatus(practice, statuses)) };
    if (assessed.badge === 'gaps' && (!observedStage || compareStages(observedStage, concern.stage.id) < 0)) {
      state.behind.push({ id: concern.id, name: concern.name, ...(observedStage ? { observed: stageRef(matrix, observedStage) } : {}) });
    }
    return view;
  });
  return { ...model, concerns, evidence: state };
}

/** The upgrades model as a checklist: each new practice's status and the findings due at the target stage. */
export function withUpgradeEvidence(model: UpgradesModel, snapshot: EvidenceSnapshot, places: PlaceNamer): UpgradesModel {
  if (model.kind !== 'upgrade') return model;
  const { assessment } = snapshot;
  const readiness: ReadinessView = { ...scanState(snapshot), met: 0, missing: 0, unknown: 0, findings: 0 };
  if (!assessment) return { ...model, readiness };

  const statuses = practiceStatuses(assessment, places);
  const concerns = model.concerns.map((concern): ConcernUpgradeView => {
    if (concern.alreadyThere) return concern;
    const newPractices = concern.newPractices.map((practice) => withStatus(practice, statuses));
    for (const practice of newPractices) if (practice.status) readiness[practice.status] += 1;
    // The core's readiness decides which findings are due at the concern's target stage.
    const due = assessment.readiness.concerns.find((candidate) => candidate.concernId === concern.id && candidate.to === concern.to.id);
    const findings = (due?.findings ?? []).map((finding): FindingView => {
      const view: FindingView = {
        ruleId: finding.ruleId,
        message: finding.message,
        severity: finding.severity ?? 'info',
        place: `${places.label(finding.path)}:${finding.range.start.line + 1}`,
        location: { uri: places.uri(finding.path), range: finding.range },
      };
      // The editor's scans keep a fix's title, not its edits: "Apply fix" builds them from the file as it is then.
      if (finding.fix && (finding.fix.edits.length > 0 || finding.fix.editsNotKept)) view.fixTitle = finding.fix.title;
      return view;
    });
    readiness.findings += findings.length;
    return { ...concern, newPractices, findings };
  });
  return { ...model, concerns, readiness };
}

/** What both views say of the scan itself. */
function scanState(snapshot: EvidenceSnapshot): ScanStateView {
  const state: ScanStateView = { scanning: snapshot.scanning, assessed: snapshot.assessment !== undefined };
  if (snapshot.progress) state.progress = snapshot.progress;
  if (snapshot.error !== undefined) state.error = snapshot.error;
  return state;
}

type PracticeEvidence = Pick<PracticeView, 'status' | 'evidence' | 'counterEvidence' | 'satisfiedBy' | 'notApplicable'>;

function practiceStatuses(assessment: ServiceAssessment, places: PlaceNamer): Map<string, PracticeEvidence> {
  const statuses = new Map<string, PracticeEvidence>();
  for (const concern of assessment.concerns) {
    for (const practice of concern.practices) statuses.set(practice.practice.id, practiceEvidence(practice, places));
  }
  return statuses;
}

function withStatus(practice: PracticeView, statuses: ReadonlyMap<string, PracticeEvidence>): PracticeView {
  const found = statuses.get(practice.id);
  return found ? { ...practice, ...found } : practice;
}

function practiceEvidence(practice: PracticeAssessment, places: PlaceNamer): PracticeEvidence {
  const view: PracticeEvidence = { status: practice.status };
  if (practice.status === 'met') {
    view.evidence = practice.evidence.slice(0, MAX_PLACES).map((item) => evidenceView(item, places));
  } else if (practice.status === 'missing') {
    if (practice.counterEvidence.length > 0)
      view.counterEvidence = practice.counterEvidence.slice(0, MAX_PLACES).map((item) => evidenceView(item, places));
    if (practice.satisfiedBy.length > 0) view.satisfiedBy = practice.satisfiedBy.map((signal) => signal.satisfiedBy);
  } else if (practice.unknownReason?.kind === 'not-applicable') {
    view.notApplicable = practice.unknownReason.description;
  }
  return view;
}

function evidenceView(item: EvidenceItem, places: PlaceNamer): EvidenceView {
  const label = places.label(item.path);
  if (item.line === undefined) return { label, detail: item.detail, location: { uri: places.uri(item.path) } };
  const at = { line: item.line, character: 0 };
  return {
    label: `${label}:${item.line + 1}`,
    detail: item.detail,
    location: { uri: places.uri(item.path), range: { start: at, end: at } },
  };
}
