import type { Position } from '../../text';
import type { RawFinding } from '../types';
import { messageOf } from './sharedPlaceFindings';

/** A unit written as a copy of another through YAML (a job that is `*test`, a container that merges `<<: *worker`). */
export interface CopiedUnit {
  /** Where the copy's own findings point (its key or name). */
  at: Position;
  /** Where the findings of the unit it copies point. */
  originalAt: Position;
  name: string;
}

/**
 * One finding per root cause: a unit that copies another through an alias or a merge key inherits what the other
 * lacks, so the same rule finds both. The copy's finding is dropped when the original has the same rule's finding,
 * whose message then names the copies (`describe`); a finding only the copy has stays.
 */
export function oncePerOriginal(
  findings: readonly RawFinding[],
  copies: readonly CopiedUnit[],
  describe: (names: string) => string,
): RawFinding[] {
  if (copies.length === 0) return [...findings];
  const startsAt = (finding: RawFinding, at: Position) =>
    finding.range.start.line === at.line && finding.range.start.character === at.character;
  const alsoIn = new Map<RawFinding, string[]>();
  const kept: RawFinding[] = [];
  for (const finding of findings) {
    const copy = copies.find((candidate) => startsAt(finding, candidate.at));
    const original = copy && findings.find((other) => other.ruleId === finding.ruleId && startsAt(other, copy.originalAt));
    if (!copy || !original) {
      kept.push(finding);
      continue;
    }
    alsoIn.set(original, [...(alsoIn.get(original) ?? []), copy.name]);
  }
  return kept.map((finding) => {
    const names = alsoIn.get(finding);
    return names
      ? { ...finding, message: `${messageOf(finding)} ${describe(names.map((name) => `"${name}"`).join(', '))}`.trimStart() }
      : finding;
  });
}
