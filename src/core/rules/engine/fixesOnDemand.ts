import type { TextEdit } from '../../text';
import type { FindingStep, RawFinding, RuleFix } from '../types';

/**
 * Quick fixes whose edits are built only when read. Building a fix's edits (rendering the YAML to insert, working
 * out indentation and where a key goes) was a quarter to a third of an analysis beyond the parse, and the editor's
 * diagnostics, redone as the user types, never read them: only a code action asks, for the finding under the cursor.
 *
 * A rule writes `fixOnDemand(title, () => edits)`. Analysed with `fixes: 'on-demand'` (AnalyzerOptions: the
 * editor's), the finding keeps that fix, and `fix.edits` builds the edits the first time it is read (then keeps
 * them: one build per analysis, which the editor caches per document version); a fix whose builder finds nothing to
 * change, or fails, has no edits, and offers no code action. Analysed otherwise (the default: the CLI, fix-all, a
 * scan), each rule's findings are settled as the rule returns them (settleFixes): a fix becomes plain data, with
 * its edits, or goes when it has none — what the rule reported when it built its edits at once.
 */
export function fixOnDemand(title: string, build: () => readonly TextEdit[]): RuleFix {
  const state: OnDemand = { build };
  const fix: RuleFix = {
    title,
    get edits(): TextEdit[] {
      if (state.built === undefined) {
        try {
          state.built = [...build()];
        } catch {
          // A failing builder costs only its fix (settling, which the CLI does, lets the failure reach the rule's guard).
          state.built = [];
        }
      }
      return state.built;
    },
  };
  ON_DEMAND.set(fix, state);
  return fix;
}

interface OnDemand {
  build: () => readonly TextEdit[];
  /** The edits, once read. */
  built?: TextEdit[];
}

/** The state of each fix made on demand; also says which fixes were. */
const ON_DEMAND = new WeakMap<RuleFix, OnDemand>();

/** True for a fix whose edits are built when first read (fixOnDemand); a settled fix is plain data. */
export function isFixOnDemand(fix: RuleFix | undefined): boolean {
  return fix !== undefined && ON_DEMAND.has(fix);
}

/** False for a fix made on demand whose edits nobody has read yet (what the editor's tests check); true otherwise. */
export function fixEditsBuilt(fix: RuleFix): boolean {
  return ON_DEMAND.get(fix)?.built !== undefined || !ON_DEMAND.has(fix);
}

/**
 * A rule's findings with every fix made on demand built now: plain data with its edits, or no fix when the builder
 * found nothing to change. A builder that throws throws here, inside the rule's guard, as when the rule built its
 * edits itself. Findings with no fix on demand are returned as they are; the others are changed in place (they are
 * the rule's own, just made).
 */
export function settleFixes(findings: RawFinding[]): RawFinding[] {
  const settled = new Map<RuleFix, RuleFix | undefined>();
  const settle = (fix: RuleFix): RuleFix | undefined => {
    const state = ON_DEMAND.get(fix);
    if (!state) return fix;
    if (!settled.has(fix)) {
      state.built ??= [...state.build()];
      settled.set(fix, state.built.length > 0 ? { title: fix.title, edits: state.built } : undefined);
    }
    return settled.get(fix);
  };
  for (const finding of findings) {
    if (finding.fix) setFix(finding, settle(finding.fix));
    if (finding.shared?.fix) setFix(finding.shared, settle(finding.shared.fix));
    if (finding.steps?.some((step) => isFixOnDemand(step.fix)))
      finding.steps = finding.steps.map((step): FindingStep => {
        if (!step.fix) return step;
        const copy = { ...step };
        setFix(copy, settle(step.fix));
        return copy;
      });
  }
  return findings;
}

function setFix(holder: { fix?: RuleFix }, fix: RuleFix | undefined): void {
  if (fix) holder.fix = fix;
  else delete holder.fix;
}

/**
 * The finding with each of its fixes (its own, its steps') replaced by one built on demand that has no edits when
 * `drop` says so once they are read (which reads the original fixes' edits): how a check of a fix's edits (do they
 * touch a node an alias shares?) waits, like the edits, until someone asks.
 */
export function withFixesDroppedOnDemand(finding: RawFinding, drop: () => boolean): RawFinding {
  let decided: boolean | undefined;
  const dropped = () => (decided ??= drop());
  const wrap = (fix: RuleFix) => fixOnDemand(fix.title, () => (dropped() ? [] : fix.edits));
  const steps = finding.steps?.some((step) => step.fix)
    ? finding.steps.map((step) => (step.fix ? { ...step, fix: wrap(step.fix) } : step))
    : undefined;
  return { ...finding, ...(finding.fix ? { fix: wrap(finding.fix) } : {}), ...(steps ? { steps } : {}) };
}
