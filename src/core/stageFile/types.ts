import type { StageId } from '../stages';
import type { Range, Severity } from '../text';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface Waiver {
  /** Rule id the waiver silences. */
  rule: string;
  /** Globs relative to the `.stage.yml`'s folder; empty = every file in its subtree. */
  paths: string[];
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the waiver stops applying. */
  until?: string;
  /** True when `until` is before the parse's "today": it no longer applies. */
  expired: boolean;
  /** Where the waiver item is in `.stage.yml` (for quick fixes). */
  range: Range;
}

/** What a `.stage.yml` says, with only its valid parts. */
export interface StageConfig {
  stage?: StageId;
  next?: StageId;
  name?: string;
  /** Per-concern stage overrides: { security: 'production' }. */
  concerns: Record<string, StageId>;
  /** Per-rule level overrides. */
  rules: Record<string, RuleLevel>;
  /** Path globs, relative to the `.stage.yml`'s folder, never checked. */
  ignore: string[];
  waivers: Waiver[];
  /** Path (relative to the `.stage.yml`'s folder) of a team matrix that extends the built-in one. */
  matrix?: string;
}

/** A problem found in a `.stage.yml` (or a team matrix file). Never thrown: returned. */
export interface StageFileProblem {
  /** Stable code, e.g. "unknown-stage" (documented in README). */
  code: string;
  message: string;
  severity: Severity;
  range: Range;
  /** For "did you mean" quick fixes: replacement candidates for the text at `range`. */
  suggestions?: string[];
}

export interface ParsedStageFile {
  config: StageConfig;
  problems: StageFileProblem[];
}
