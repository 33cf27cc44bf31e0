import type { Practice } from '../../matrix/types';
import { compareStages } from '../../stages';
import type { StageId } from '../../stages';
import type { ContextDefinition, SignalCatalog } from '../catalog/types';
import type { SignalResult } from '../signals/evaluateSignals';
import type { PracticeAssessment, PracticeTiming } from './types';
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
    evidence: [],
    satisfiedBy: [],
    counterEvidence: [],
  };
  const anyOf = practice.evidence?.anyOf ?? [];
  if (anyOf.length === 0) return withFields(base, { unknownReason: { kind: 'not-observable' as const } });
  const gate = unmetContext(practice.id, inputs);
  if (gate)
    return withFields(base, { unknownReason: { kind: 'not-applicable' as const, context: gate.id, description: gate.description } });
  const results = anyOf.map((id) => inputs.signals.get(id)).filter((result): result is SignalResult => result !== undefined);
  const observed = results.filter((result) => result.observed);
  if (observed.length > 0) return withFields(base, { status: 'met' as const, evidence: observed.flatMap((result) => result.evidence) });
  // Kept per practice of every service: withFields, not a spread (withFields.ts).
  return withFields(base, {
    status: 'missing' as const,
    satisfiedBy: anyOf.flatMap((id) => {
      const definition = inputs.catalog.byId.get(id);
      return definition ? [{ signal: id, description: definition.description, satisfiedBy: definition.satisfiedBy }] : [];
    }),
    counterEvidence: results.flatMap((result) => result.counterEvidence),
  });
}

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
