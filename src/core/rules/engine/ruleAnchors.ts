import type { Range } from '../../text';
import type { AnalyzerOptions, FileAnalysis, HoverAnchor, ParseProblem } from '../types';
import { builtinRuleCatalog } from './ruleCatalog';

/**
 * A place a rule looks at, so the hover explains the stage's expectations there even when nothing is wrong
 * (a rule module's `anchors`). The analysis turns it into a HoverAnchor naming the rule.
 */
export interface RuleAnchor {
  range: Range;
  /**
   * The concern the hover explains there: the rule's own (its metadata's `concern`) when omitted. Name another
   * only where the place belongs to it (every rule about a base image anchors its FROM under the tech stack).
   */
  concern?: string;
  /** Advice for this place when the rule stays silent on purpose (HEALTHCHECK under Kubernetes probes). */
  note?: string;
}

/** What a kind's analysis takes anchors from: a rule module, or anything shaped like one (tests pass a throwing one). */
export interface AnchorSource<Input extends unknown[]> {
  ruleId: string;
  anchors?(...input: Input): RuleAnchor[];
}

/**
 * Places a concern cares about that no rule looks at (a Dockerfile's EXPOSE explains inter-service
 * communication): each kind keeps one short list of them beside its analyzer.
 */
export interface ConcernAnchors<Input extends unknown[]> {
  concern: string;
  anchors(...input: Input): Array<Omit<RuleAnchor, 'concern'>>;
}

/**
 * The file's hover anchors: every rule's (in the registry's order) and the kind's concern anchors, one
 * HoverAnchor per range and concern naming every rule that looks there (a Dockerfile's last CMD is where both
 * docker/exec-form-cmd and docker/healthcheck look). A failing anchor function costs only its own anchors: it
 * becomes a problem naming it, like a failing detection (engine/guardedDetectors.ts), unless `rethrow`.
 */
export function collectAnchors<Input extends unknown[]>(
  rules: readonly AnchorSource<Input>[],
  concernAnchors: readonly ConcernAnchors<Input>[],
  input: Input,
  problems: ParseProblem[],
  rethrow = false,
): HoverAnchor[] {
  // One HoverAnchor per place and concern, in the order first met (the sort below is stable). Rules share their
  // places' Range objects (keyAnchors.ts), so a range is keyed once: the text key is for equal ranges met apart.
  const merged: HoverAnchor[] = [];
  const byRange = new Map<Range, Map<string, HoverAnchor>>();
  const byText = new Map<string, Map<string, HoverAnchor>>();
  const concernsAt = (range: Range) => {
    let concerns = byRange.get(range);
    if (!concerns) {
      const { start, end } = range;
      const key = `${start.line}:${start.character}:${end.line}:${end.character}`;
      concerns = byText.get(key);
      if (!concerns) byText.set(key, (concerns = new Map()));
      byRange.set(range, concerns);
    }
    return concerns;
  };
  const add = (anchor: Omit<RuleAnchor, 'concern'>, concern: string, ruleId: string | undefined) => {
    const concerns = concernsAt(anchor.range);
    let place = concerns.get(concern);
    if (!place) {
      place = { range: anchor.range, concern, ruleIds: [] };
      concerns.set(concern, place);
      merged.push(place);
    }
    if (ruleId !== undefined && !place.ruleIds.includes(ruleId)) place.ruleIds.push(ruleId);
    if (anchor.note && place.note !== anchor.note) place.note = place.note ? `${place.note}\n\n${anchor.note}` : anchor.note;
  };
  const guarded = (what: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      if (rethrow) throw error;
      problems.push(anchorFailure(what, error));
    }
  };
  for (const rule of rules) {
    if (!rule.anchors) continue;
    guarded(`rule ${rule.ruleId}`, () => {
      const anchors = rule.anchors!(...input);
      // The rule's own concern, looked up once (and only when an anchor does not name one).
      let own: string | undefined;
      for (const anchor of anchors) add(anchor, anchor.concern ?? (own ??= ruleConcern(rule.ruleId)), rule.ruleId);
    });
  }
  for (const concern of concernAnchors) {
    guarded(`the ${concern.concern} anchors`, () => {
      for (const anchor of concern.anchors(...input)) add(anchor, concern.concern, undefined);
    });
  }
  return merged.sort(byPosition);
}

/** A rule's anchors in a concern other than its own (see RuleAnchor.concern). */
export function inConcern(concern: string, anchors: readonly RuleAnchor[]): RuleAnchor[] {
  return anchors.map((anchor) => ({ ...anchor, concern }));
}

function ruleConcern(ruleId: string): string {
  const concern = builtinRuleCatalog().byId.get(ruleId)?.concern;
  if (concern === undefined) throw new Error(`${ruleId} has no metadata, so its anchors must name their concern`);
  return concern;
}

function anchorFailure(what: string, error: unknown): ParseProblem {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Stage Guide could not compute the hovers of ${what} on this file (${reason}). Please report it.`,
  };
}

/** Document order (a stable sort keeps the order at one place), so every consumer (Problems panel, CLI, tests) lists findings and anchors the same way. */
export function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * An analysis's hover anchors as `options.anchors` asks: made now (a failing rule's named in `problems`), none, or
 * made when first asked for (AnalyzerOptions.anchors 'on-demand').
 */
export function anchorsAsAsked(
  options: AnalyzerOptions,
  collect: (problems: ParseProblem[]) => HoverAnchor[],
  problems: ParseProblem[],
): Pick<FileAnalysis, 'anchors' | 'anchorsOnDemand'> {
  if (options.anchors === false) return { anchors: [] };
  if (options.anchors === 'on-demand') return { anchors: [], anchorsOnDemand: () => collect([]) };
  return { anchors: collect(problems) };
}
