import { findConcern } from '../matrix/matrixQueries';
import { evaluateFindings } from '../rules/engine/evaluate';
import type { StagedFinding } from '../rules/engine/evaluate';
import type { RuleCatalog } from '../rules/engine/ruleCatalog';
import { stageContextFor } from '../rules/engine/stageContext';
import type { FileAnalysis, HoverAnchor } from '../rules/types';
import type { StageId } from '../stages';
import type { Position, Range } from '../text';
import { nextStageForConcern, stageForConcern } from '../workspace/stageResolution';
import type { Governing } from '../workspace/stageResolution';

/**
 * One file's guidance under the stage that governs it: the analysis (parse
 * once, stage-independent, cacheable per document version) and its findings
 * placed on the stage ladder. The editor and the CLI both start here.
 */
export interface FileGuidance {
  analysis: FileAnalysis;
  staged: StagedFinding[];
  governing: Governing;
}

/** Stages an analysis (cheap: no parsing), so a stage change never re-parses a file. */
export function stageAnalysis(
  analysis: FileAnalysis,
  governing: Governing,
  catalog: RuleCatalog,
  path: string,
  today: string,
): FileGuidance {
  return { analysis, staged: evaluateFindings(analysis, catalog, stageContextFor(governing, path, today)), governing };
}

/** What a concern asks at the governing stage and the next, for a hover. */
export interface ConcernAtStage {
  concernId: string;
  concernName: string;
  stage?: StageId;
  text?: string;
  nextStage?: StageId;
  nextText?: string;
}

export interface HoverModel {
  range: Range;
  concerns: ConcernAtStage[];
  /** Findings on the hovered line (reported, future and silenced alike: a hover explains everything). */
  findings: StagedFinding[];
  /** Advice for this place that no finding carries (e.g. "use probes" under Kubernetes). */
  notes: string[];
}

function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * The analysis with its hover anchors made, when it was made with `anchors: 'on-demand'` (the editor's): the
 * analyzer's anchors first, then those added after it (the judge's notes), as an analysis that made them at once
 * holds them. Fills the analysis in place (the editor's cache of the document version), once.
 */
export function withHoverAnchors(analysis: FileAnalysis): FileAnalysis {
  const make = analysis.anchorsOnDemand;
  if (make) {
    delete analysis.anchorsOnDemand;
    analysis.anchors = [...make(), ...analysis.anchors];
  }
  return analysis;
}

/**
 * The hover at a position: only where a rule or concern cares (an anchor or
 * a finding on that line); undefined elsewhere, so ordinary lines stay quiet.
 */
export function hoverAt(guidance: FileGuidance, position: Position): HoverModel | undefined {
  const anchors: HoverAnchor[] = withHoverAnchors(guidance.analysis).anchors.filter((anchor) => contains(anchor.range, position));
  const findings = guidance.staged.filter(
    (staged) => staged.finding.range.start.line === position.line || contains(staged.finding.range, position),
  );
  if (anchors.length === 0 && findings.length === 0) return undefined;
  const concernIds = [...new Set([...anchors.map((anchor) => anchor.concern), ...findings.map((staged) => staged.rule.concern)])];
  const range = anchors[0]?.range ?? findings[0].finding.range;
  return {
    range,
    concerns: concernIds.map((concernId) => concernAtStage(guidance.governing, concernId)),
    findings,
    notes: anchors.flatMap((anchor) => (anchor.note ? [anchor.note] : [])),
  };
}

export function concernAtStage(governing: Governing, concernId: string): ConcernAtStage {
  const concern = findConcern(governing.matrix, concernId);
  const stage = stageForConcern(governing, concernId);
  const nextStage = nextStageForConcern(governing, concernId);
  return {
    concernId,
    concernName: concern?.name ?? concernId,
    stage,
    text: stage ? concern?.cells[stage].text : undefined,
    nextStage,
    nextText: nextStage ? concern?.cells[nextStage].text : undefined,
  };
}
