import { posixRelative } from '../../fileSystem';
import { globMatches } from '../../stageFile/globs';
import type { StageConfig, Waiver } from '../../stageFile/types';
import { compareStages, STAGE_IDS } from '../../stages';
import type { StageId } from '../../stages';
import type { FileAnalysis, FindingStep, RawFinding, RuleMeta } from '../types';
import type { RuleCatalog } from './ruleCatalog';
import { isSuppressed } from './suppressions';

/** What governs one file: its stage per concern, its next stage, and its `.stage.yml` settings. */
export interface StageContext {
  /** The stage that governs a concern (per-concern override, else the declared stage); undefined without a stage. */
  stageForConcern(concernId: string): StageId | undefined;
  /** The file's target stage (`next:` or the stage after `stage`). */
  nextStage: StageId | undefined;
  /**
   * The next stage for one concern, when it differs from `nextStage` (an
   * overridden concern moves on from its own stage). Optional: `nextStage` is
   * used when absent.
   */
  nextStageForConcern?(concernId: string): StageId | undefined;
  config?: StageConfig;
  /** Absolute POSIX folder of the `.stage.yml` (globs in `ignore:` and waivers are relative to it). */
  configDir?: string;
  /** Absolute POSIX path of the analysed file. */
  filePath: string;
  /** YYYY-MM-DD, for waiver expiry. */
  today: string;
}

export type FindingSeverity = 'error' | 'warning' | 'info';
export type FindingStatus = 'due' | 'next' | 'future';
export type SuppressedBy = 'inline' | 'ignore' | 'waiver' | 'rule-off';

/** A raw finding placed on the stage ladder and run through the team's settings. */
export interface StagedFinding {
  rule: RuleMeta;
  finding: RawFinding;
  /**
   * What to show in the Problems panel; undefined when nothing is reported —
   * a future finding (hovers and upgrades only) or a silenced one.
   */
  severity: FindingSeverity | undefined;
  status: FindingStatus;
  /** The rule's `from` stage. */
  stage: StageId;
  /** "production", "next: production" or "later: enterprise". */
  label: string;
  suppressedBy?: SuppressedBy;
  /** The waiver that silenced it, when `suppressedBy` is "waiver". */
  waiver?: Waiver;
}

/**
 * Stages one file's findings. Severity follows the stage governing the rule's
 * concern: `from` at or below it → warning (or the rule's `dueSeverity`);
 * `from` equal to the next stage → info, "next: <stage>"; further ahead →
 * future (no diagnostic, kept for hovers and the upgrades view). `.stage.yml`
 * `rules:` levels apply to due and next findings; `ignore:`, unexpired waivers
 * and inline comments silence.
 *
 * Without a stage (no `.stage.yml`, or one without `stage:`) nothing is due:
 * the editor then shows guidance only in hovers, so a repository that never
 * opted in is not flooded with warnings.
 *
 * A finding with steps (a rule with `thresholds`, e.g. k8s/replicas: 2 from
 * production, 3 from scale) is reported once, with the message, fix and stage
 * of the highest step that governs the file; ids of the rules it replaced
 * still silence or re-level their own step.
 *
 * Findings of rules missing from the catalog are dropped (a catalog test
 * guarantees there are none).
 */
export function evaluateFindings(analysis: FileAnalysis, catalog: RuleCatalog, context: StageContext): StagedFinding[] {
  const relativePath = context.configDir !== undefined ? posixRelative(context.configDir, context.filePath) : undefined;
  const ignored = relativePath !== undefined && (context.config?.ignore ?? []).some((glob) => globMatches(relativePath, glob));
  const staged: StagedFinding[] = [];
  for (const raw of analysis.findings) {
    const rule = catalog.byId.get(raw.ruleId);
    if (!rule) continue;
    const step = chosenStep(rule, raw, analysis, context, relativePath);
    const finding = step ? stepFinding(raw, step.step) : raw;
    const from = step?.step.from ?? rule.from;
    const { status, severity } = placeOnLadder(rule, from, context);
    const result: StagedFinding = { rule, finding, severity, status, stage: from, label: labelFor(status, from) };
    const level = context.config?.rules[rule.id] ?? (step?.formerId !== undefined ? context.config?.rules[step.formerId] : undefined);
    if (status !== 'future' && level !== undefined && level !== 'off') result.severity = level;
    const silenced =
      silencedBy(result, analysis, context, relativePath, ignored, level === 'off') ??
      (step?.silencedAs ? silencedAs(step.silencedAs, analysis, context, relativePath, finding) : undefined);
    if (silenced) {
      result.suppressedBy = silenced.by;
      if (silenced.waiver) result.waiver = silenced.waiver;
      result.severity = undefined;
    }
    staged.push(result);
  }
  return staged;
}

function placeOnLadder(
  rule: RuleMeta,
  from: StageId,
  context: StageContext,
): { status: FindingStatus; severity: FindingSeverity | undefined } {
  const governing = context.stageForConcern(rule.concern);
  if (governing === undefined) return { status: 'future', severity: undefined };
  if (compareStages(from, governing) <= 0) return { status: 'due', severity: rule.dueSeverity === 'info' ? 'info' : 'warning' };
  const next = context.nextStageForConcern ? context.nextStageForConcern(rule.concern) : context.nextStage;
  if (next !== undefined && from === next) return { status: 'next', severity: 'info' };
  return { status: 'future', severity: undefined };
}

interface ChosenStep {
  step: FindingStep;
  /** The id of the rule that checked this step's threshold before the rules were merged. */
  formerId?: string;
  /** Set when every step was silenced by a former id: the former id of the step reported. */
  silencedAs?: string;
}

/**
 * The step of a finding with steps (a rule with `thresholds`) to report: the
 * highest stage that governs the file, else the lowest (then "next" or
 * "later"). A step whose former rule id the team silenced (`rules: off`, a
 * waiver, an inline comment naming the old id) is skipped, as that rule's
 * finding would have been; when all are, the finding is reported silenced.
 */
function chosenStep(
  rule: RuleMeta,
  finding: RawFinding,
  analysis: FileAnalysis,
  context: StageContext,
  relativePath: string | undefined,
): ChosenStep | undefined {
  const steps = finding.steps;
  if (!steps || steps.length === 0) return undefined;
  const formerIdOf = (step: FindingStep) => rule.thresholds?.find((threshold) => threshold.from === step.from)?.formerId;
  const open = steps.filter((step) => {
    const formerId = formerIdOf(step);
    return formerId === undefined || silencedAs(formerId, analysis, context, relativePath, finding) === undefined;
  });
  const candidates = open.length > 0 ? open : steps;
  const governing = context.stageForConcern(rule.concern);
  const due = governing === undefined ? [] : candidates.filter((step) => compareStages(step.from, governing) <= 0);
  const step = due.length > 0 ? due[due.length - 1] : candidates[0];
  const formerId = formerIdOf(step);
  return { step, ...(formerId !== undefined ? { formerId } : {}), ...(open.length === 0 && formerId ? { silencedAs: formerId } : {}) };
}

function stepFinding(finding: RawFinding, step: FindingStep): RawFinding {
  const { fix: _fix, ...rest } = finding;
  return step.fix ? { ...rest, message: step.message, fix: step.fix } : { ...rest, message: step.message };
}

/** How a former rule id is silenced for a finding: `rules: off`, an inline comment or a waiver naming it. */
function silencedAs(
  ruleId: string,
  analysis: FileAnalysis,
  context: StageContext,
  relativePath: string | undefined,
  finding: RawFinding,
): { by: SuppressedBy; waiver?: Waiver } | undefined {
  if (context.config?.rules[ruleId] === 'off') return { by: 'rule-off' };
  if (isSuppressed(analysis.suppressions, ruleId, finding.range.start.line)) return { by: 'inline' };
  const waiver = relativePath === undefined ? undefined : activeWaiver(context, ruleId, relativePath);
  return waiver ? { by: 'waiver', waiver } : undefined;
}

function labelFor(status: FindingStatus, stage: StageId): string {
  if (status === 'next') return NEXT_LABELS[stage];
  if (status === 'future') return LATER_LABELS[stage];
  return stage;
}

/** One string per label, not one per finding: the editor keeps a workspace's placed findings. */
const NEXT_LABELS = Object.fromEntries(STAGE_IDS.map((stage) => [stage, `next: ${stage}`])) as Record<StageId, string>;
const LATER_LABELS = Object.fromEntries(STAGE_IDS.map((stage) => [stage, `later: ${stage}`])) as Record<StageId, string>;

function silencedBy(
  staged: StagedFinding,
  analysis: FileAnalysis,
  context: StageContext,
  relativePath: string | undefined,
  ignored: boolean,
  ruleOff: boolean,
): { by: SuppressedBy; waiver?: Waiver } | undefined {
  if (ignored) return { by: 'ignore' };
  if (ruleOff) return { by: 'rule-off' };
  if (isSuppressed(analysis.suppressions, staged.rule.id, staged.finding.range.start.line)) return { by: 'inline' };
  const waiver = relativePath === undefined ? undefined : activeWaiver(context, staged.rule.id, relativePath);
  return waiver ? { by: 'waiver', waiver } : undefined;
}

/** The first unexpired waiver of `ruleId` whose paths cover the file (no paths = the whole `.stage.yml` subtree). */
function activeWaiver(context: StageContext, ruleId: string, relativePath: string): Waiver | undefined {
  return (context.config?.waivers ?? []).find((waiver) => {
    if (waiver.rule !== ruleId) return false;
    if (waiver.expired || (waiver.until !== undefined && waiver.until < context.today)) return false;
    return waiver.paths.length === 0 || waiver.paths.some((glob) => globMatches(relativePath, glob));
  });
}
