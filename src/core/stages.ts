/**
 * The five product stages, in order of maturity. The order is what every
 * "is this rule due yet?" decision compares, so it lives in one place.
 */
export const STAGE_IDS = ['prototype', 'mvp', 'production', 'scale', 'enterprise'] as const;

export type StageId = (typeof STAGE_IDS)[number];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

/** 0 for prototype … 4 for enterprise. */
export function stageIndex(stage: StageId): number {
  return STAGE_IDS.indexOf(stage);
}

/** The stage after `stage`, or undefined at the last one. */
export function stageAfter(stage: StageId): StageId | undefined {
  return STAGE_IDS[stageIndex(stage) + 1];
}

export function compareStages(a: StageId, b: StageId): number {
  return stageIndex(a) - stageIndex(b);
}
