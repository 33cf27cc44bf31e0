import { isAlias, isNode, visit } from 'yaml';
import { isFixOnDemand, withFixesDroppedOnDemand } from '../engine/fixesOnDemand';
import type { RawFinding } from '../types';
import type { YamlFile } from './yamlSupport';

/**
 * A fix must change only what its finding is about. An anchored node that an
 * alias refers to (`security_opt: &hardening [...]` … `security_opt: *hardening`)
 * is shared: editing it would silently change every place that uses it. This
 * drops the fix (never the finding) of any finding whose edits touch such a
 * node. Generic for any YAML kind; compose and Kubernetes use it.
 */
export function withoutFixesOnAliasedNodes(file: YamlFile, findings: RawFinding[]): RawFinding[] {
  if (!MAYBE_ALIAS.test(file.text)) return findings; // cheap pre-check: a cron `* * *` or a glob is no alias
  const shared = aliasedRanges(file);
  if (shared.length === 0) return findings;
  return findings.map((finding) => {
    const fixes = [finding.fix, ...(finding.steps ?? []).map((step) => step.fix)];
    const touches = () =>
      fixes.some((fix) =>
        (fix?.edits ?? []).some((edit) => {
          const start = file.mapper.offset(edit.range.start);
          const end = file.mapper.offset(edit.range.end);
          return shared.some(([from, to]) => (start === end ? from < start && start < to : start < to && from < end));
        }),
      );
    // Fixes built on demand (the editor's) are checked when their edits are.
    if (fixes.some(isFixOnDemand)) return withFixesDroppedOnDemand(finding, touches);
    return touches() ? withoutFixes(finding) : finding;
  });
}

/** The finding with no fix, in none of its steps either. */
export function withoutFixes(finding: RawFinding): RawFinding {
  const { fix: _fix, steps, ...rest } = finding;
  return steps ? { ...rest, steps: steps.map(({ fix: _stepFix, ...step }) => step) } : rest;
}

/** A `*name` token where YAML can start one. False positives only cost the precise check below. */
const MAYBE_ALIAS = /(?:^|[\s,[{:])\*[^\s,[\]{}"']/m;

/** Offsets of every anchored node that some alias in the same document refers to. */
function aliasedRanges(file: YamlFile): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const doc of file.documents) {
    const aliased = new Set<string>();
    visit(doc, {
      Alias(_, node) {
        if (isAlias(node)) aliased.add(node.source);
      },
    });
    if (aliased.size === 0) continue;
    visit(doc, (_, node) => {
      if (isNode(node) && node.anchor && aliased.has(node.anchor) && node.range) ranges.push([node.range[0], node.range[1]]);
    });
  }
  return ranges;
}
