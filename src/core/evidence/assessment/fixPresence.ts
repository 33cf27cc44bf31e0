import { EMPTY_LIST } from '../../emptyList';
import { memoizedByText } from '../../memoizedByText';
import type { RawFinding, RuleFix } from '../../rules/types';

/** One empty list for every fix whose edits were not kept (RuleFix's edits are a mutable type: this one is frozen). */
const NO_EDITS = EMPTY_LIST as never;

/**
 * The quick fix of a finding whose edits a scan did not keep (`AssessOptions.fixes: 'presence'`): one shared,
 * frozen value, so that "has a fix" still reads `finding.fix !== undefined` and costs nothing per finding.
 */
export const FIX_NOT_KEPT: RuleFix = Object.freeze({
  title: 'Quick fix (its edits were not kept by this scan)',
  edits: NO_EDITS,
});

/** The finding with each quick fix (its own, its steps', its shared defaults') replaced by FIX_NOT_KEPT; the same object when it has none. */
export function withFixPresenceOnly(finding: RawFinding): RawFinding {
  return withFixesReplaced(finding, () => FIX_NOT_KEPT);
}

/**
 * The finding with each quick fix that has edits kept by its title only (`editsNotKept`), for a scan whose fixes are
 * shown by title and applied from the file as it is then (the editor's: `fixes: 'titles'`); the same object when it
 * has none. A fix without edits is kept as it is.
 */
export function withFixTitlesOnly(finding: RawFinding): RawFinding {
  return withFixesReplaced(finding, (fix) => (fix.edits.length > 0 ? fixTitledOnly(fix.title) : fix));
}

/**
 * One frozen fix per title: the editor's scan keeps a workspace's findings, 29,000 fixes on the 100,000-file bench
 * tree, of far fewer titles.
 */
const fixTitledOnly = memoizedByText((title): RuleFix => Object.freeze({ title, edits: NO_EDITS, editsNotKept: true as const }), 4096);

function withFixesReplaced(finding: RawFinding, kept: (fix: RuleFix) => RuleFix): RawFinding {
  const steps = finding.steps?.some((step) => step.fix)
    ? finding.steps.map((step) => (step.fix ? { ...step, fix: kept(step.fix) } : step))
    : undefined;
  const shared = finding.shared?.fix ? { ...finding.shared, fix: kept(finding.shared.fix) } : undefined;
  if (!finding.fix && !steps && !shared) return finding;
  return {
    ...finding,
    ...(finding.fix ? { fix: kept(finding.fix) } : {}),
    ...(steps ? { steps } : {}),
    ...(shared ? { shared } : {}),
  };
}
