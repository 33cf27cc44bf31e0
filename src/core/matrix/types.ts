import type { StageId } from '../stages';

export interface StageInfo {
  id: StageId;
  /** Display name, exactly as the seed's header row. */
  name: string;
  /** Short label for tight spaces (status bar): "Prototype", "MVP", … */
  shortName: string;
  /** Extra names accepted in `.stage.yml`, compared case-insensitively. */
  aliases: string[];
}

export interface Practice {
  /** Stable id, "<concern>/<stage>/<slug>". */
  id: string;
  /** A short, checkable statement. */
  title: string;
  /** One line on why it matters at this stage. */
  rationale: string;
  /** A well-known reference (OWASP, Twelve-Factor, SRE book, Kubernetes docs), when one exists. */
  link?: string;
  /**
   * Signals that satisfy it: met when any one of `anyOf` is observed. Absent
   * when the practice cannot be observed from files (it is then "unknown").
   */
  evidence?: { anyOf: string[] };
  /** Where it came from: the built-in matrix or a team matrix file. */
  origin: 'builtin' | 'team';
}

export interface Cell {
  /** The seed's text for this concern at this stage, verbatim (or a team's override). */
  text: string;
  practices: Practice[];
  /** True when a team matrix replaced the seed's text. */
  overridden?: boolean;
}

export interface Concern {
  id: string;
  /** Name exactly as the seed's first column. */
  name: string;
  cells: Record<StageId, Cell>;
  origin: 'builtin' | 'team';
}

export interface Matrix {
  title: string;
  stages: StageInfo[];
  concerns: Concern[];
}
