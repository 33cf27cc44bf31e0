import type { RawFinding, RuleFix } from '../../rules/types';

/**
 * The quick fix of a finding whose edits a scan did not keep (`AssessOptions.fixes: 'presence'`): one shared,
 * frozen value, so that "has a fix" still reads `finding.fix !== undefined` and costs nothing per finding.
 */
export const FIX_NOT_KEPT: RuleFix = Object.freeze({
  title: 'Quick fix (its edits were not kept by this scan)',
  edits: Object.freeze([]) as never,
});

/** The finding with each quick fix (its own, its steps', its shared defaults') replaced by FIX_NOT_KEPT; the same object when it has none. */
export function withFixPresenceOnly(finding: RawFinding): RawFinding {
  const steps = finding.steps?.some((step) => step.fix)
    ? finding.steps.map((step) => (step.fix ? { ...step, fix: FIX_NOT_KEPT } : step))
    : undefined;
  const shared = finding.shared?.fix ? { ...finding.shared, fix: FIX_NOT_KEPT } : undefined;
  if (!finding.fix && !steps && !shared) return finding;
  return {
    ...finding,
    ...(finding.fix ? { fix: FIX_NOT_KEPT } : {}),
    ...(steps ? { steps } : {}),
    ...(shared ? { shared } : {}),
  };
}
