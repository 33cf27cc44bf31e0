import type { Practice } from '../../matrix/types';
import { compareStages } from '../../stages';
import type { StageId } from '../../stages';
import type { ContextDefinition, SignalCatalog } from '../catalog/types';
import type { SignalResult } from '../signals/evaluateSignals';
import type { PracticeAssessment, PracticeTiming } from './types';
import { EMPTY_LIST } from '../../emptyList';
import { withFields } from '../../withFields';

export interface PracticeInputs {
  catalog: SignalCatalog;
  signals: ReadonlyMap<string, SignalResult>;
}

/**
 * Met when any signal the practice names is observed (with that signal's
 * evidence); missing when none is (with what would satisfy it); unknown when
 * it names none, or when a context it depends on is not observed. Unknown is
 * never counted as met or as missing.
 */
export function assessPractice(
  practice: Practice,
  concernId: string,
  stage: StageId,
  timing: PracticeTiming,
  inputs: PracticeInputs,
): PracticeAssessment {
  const base: PracticeAssessment = {
    practice,
    concernId,
    stage,
    timing,
    status: 'unknown',
    evidence: EMPTY_LIST,
    satisfiedBy: EMPTY_LIST,
    counterEvidence: EMPTY_LIST,
  };
  const anyOf = practice.evidence?.anyOf ?? [];
  if (anyOf.length === 0) return withFields(base, { unknownReason: { kind: 'not-observable' as const } });
  const gate = unmetContext(practice.id, inputs);
  if (gate)
    return withFields(base, { unknownReason: { kind: 'not-applicable' as const, context: gate.id, description: gate.description } });
  const results = anyOf.map((id) => inputs.signals.get(id)).filter((result): result is SignalResult => result !== undefined);
  const observed = results.filter((result) => result.observed);
  if (observed.length > 0) return withFields(base, { status: 'met' as const, evidence: joined(observed.map((result) => result.evidence)) });
  // Kept per practice of every service: withFields, not a spread (withFields.ts).
  return withFields(base, {
    status: 'missing' as const,
    satisfiedBy: satisfyingSignals(practice, inputs.catalog),
    counterEvidence: joined(results.map((result) => result.counterEvidence)),
  });
}

/** The lists as one: the only one that is not empty as it is (a signal's own list, read-only), none when all are empty. */
function joined<Item>(lists: ReadonlyArray<readonly Item[]>): readonly Item[] {
  const full = lists.filter((list) => list.length > 0);
  if (full.length === 0) return EMPTY_LIST;
  return full.length === 1 ? full[0] : full.flat();
}

/** The signals that would satisfy a practice, as the catalogue describes them: one list per practice and catalogue. */
function satisfyingSignals(practice: Practice, catalog: SignalCatalog): PracticeAssessment['satisfiedBy'] {
  let byPractice = SATISFYING.get(catalog);
  if (!byPractice) SATISFYING.set(catalog, (byPractice = new WeakMap()));
  let signals = byPractice.get(practice);
  if (!signals) {
    signals = (practice.evidence?.anyOf ?? []).flatMap((id) => {
      const definition = catalog.byId.get(id);
      return definition ? [{ signal: id, description: definition.description, satisfiedBy: definition.satisfiedBy }] : [];
    });
    byPractice.set(practice, signals);
  }
  return signals;
}

const SATISFYING = new WeakMap<SignalCatalog, WeakMap<Practice, PracticeAssessment['satisfiedBy']>>();

/** The first context gating this practice whose signals are all unobserved. */
function unmetContext(practiceId: string, inputs: PracticeInputs): ContextDefinition | undefined {
  return inputs.catalog.contexts.find(
    (context) => gates(context, practiceId) && !context.anyOf.some((id) => inputs.signals.get(id)?.observed),
  );
}

function gates(context: ContextDefinition, practiceId: string): boolean {
  return context.practices.some((pattern) =>
    pattern.endsWith('/*') ? practiceId.startsWith(pattern.slice(0, -1)) : pattern === practiceId,
  );
}

/** Due at or below the governing stage, next at the next stage, future beyond (or always future without a stage). */
export function practiceTiming(stage: StageId, governing: StageId | undefined, next: StageId | undefined): PracticeTiming {
  if (governing === undefined) return 'future';
  if (compareStages(stage, governing) <= 0) return 'due';
  if (next !== undefined && compareStages(stage, next) <= 0) return 'next';
  return 'future';
}
