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
  return new FixOnDemand(title, build);
}

/**
 * A class, not an object with its own getter in a WeakMap: an analysis makes thousands of fixes, and a literal
 * getter and a WeakMap entry each cost as much as the rest of a cheap fix. Its edits serialise (`toJSON`) as a plain
 * fix's do; a spread copies only the title (settle a fix, or read its edits, to copy it).
 */
class FixOnDemand implements RuleFix {
  /** The edits, once read. */
  #built: TextEdit[] | undefined;
  readonly #build: () => readonly TextEdit[];

  constructor(
    readonly title: string,
    build: () => readonly TextEdit[],
  ) {
    this.#build = build;
  }

  get edits(): TextEdit[] {
    if (this.#built === undefined) {
      try {
        this.#built = [...this.#build()];
      } catch {
        // A failing builder costs only its fix (settling, which the CLI does, lets the failure reach the rule's guard).
        this.#built = [];
      }
    }
    return this.#built;
  }

  /** True once the edits were read. */
  get built(): boolean {
    return this.#built !== undefined;
  }

  /** The edits, built now: a failing builder throws (settleFixes, inside the rule's guard). */
  settle(): TextEdit[] {
    this.#built ??= [...this.#build()];
    return this.#built;
  }

  toJSON(): RuleFix {
    return { title: this.title, edits: this.edits };
  }
}

/** True for a fix whose edits are built when first read (fixOnDemand); a settled fix is plain data. */
export function isFixOnDemand(fix: RuleFix | undefined): boolean {
  return fix instanceof FixOnDemand;
}

/** False for a fix made on demand whose edits nobody has read yet (what the editor's tests check); true otherwise. */
export function fixEditsBuilt(fix: RuleFix): boolean {
  return !(fix instanceof FixOnDemand) || fix.built;
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
    if (!(fix instanceof FixOnDemand)) return fix;
    if (!settled.has(fix)) {
      const edits = fix.settle();
      settled.set(fix, edits.length > 0 ? { title: fix.title, edits } : undefined);
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
