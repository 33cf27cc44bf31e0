import type { HoverAnchor, RawFinding, RelatedPlace, RuleMeta } from '../../rules/types';

/**
 * One finding per root cause for compose defaults: the services of a file
 * that lack a setting and all merge the same defaults (`<<: *snuba_defaults`)
 * are reported once, at the defaults, with the fix there (it serves them all),
 * naming the services; each service's place keeps a note in its hover. A
 * service alone with its defaults stays reported at the service. Runs on the
 * findings the judge kept, so a service another file satisfies, or whose role
 * the rule does not apply to, is not counted.
 */
export function reportSharedDefaultsOnce(
  path: string,
  findings: readonly RawFinding[],
  ruleOf: (id: string) => RuleMeta | undefined,
): { findings: RawFinding[]; notes: HoverAnchor[] } {
  const groups = new Map<string, RawFinding[]>();
  for (const finding of findings) {
    if (!finding.shared) continue;
    const key = `${finding.ruleId}\u0000${finding.shared.name}`;
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  const out: RawFinding[] = [];
  const notes: HoverAnchor[] = [];
  const done = new Set<string>();
  for (const finding of findings) {
    const key = finding.shared ? `${finding.ruleId}\u0000${finding.shared.name}` : undefined;
    const group = key ? groups.get(key)! : [];
    if (!key || group.length < 2) {
      out.push(withoutShared(finding));
      continue;
    }
    const rule = ruleOf(finding.ruleId);
    const shared = finding.shared!;
    if (rule)
      notes.push({
        range: finding.range,
        concern: rule.concern,
        ruleIds: [rule.id],
        note: `Not reported here — ${rule.title}: ${group.length} services that merge "${shared.name}" lack it; it is reported once, there (line ${shared.range.start.line + 1}).`,
      });
    if (done.has(key)) continue;
    done.add(key);
    out.push(groupFinding(path, group));
  }
  return { findings: out, notes };
}

function groupFinding(path: string, group: readonly RawFinding[]): RawFinding {
  const shared = group[0].shared!;
  const names = group.map((finding) => (finding.subject?.type === 'compose-service' ? finding.subject.service : undefined));
  const listed = names.filter((name): name is string => name !== undefined).map((name) => `"${name}"`);
  const shown = listed.length > 4 ? `${listed.slice(0, 3).join(', ')} and ${listed.length - 3} more` : listed.join(', ');
  const related: RelatedPlace[] = group.map((finding, index) => ({
    path,
    line: finding.range.start.line,
    message: `${names[index] ? `service "${names[index]}"` : 'a service'} merges "${shared.name}"`,
  }));
  const roles = new Set(group.map((finding) => finding.role?.role));
  const { subject: _subject, fix: _fix, steps: _steps, related: _related, shared: _shared, role, ...rest } = group[0];
  return {
    ...rest,
    range: shared.range,
    message: `${group.length} services that merge "${shared.name}" (${shown}) ${shared.predicate}.`,
    ...(shared.fix ? { fix: shared.fix } : {}),
    ...(roles.size === 1 && role ? { role } : {}),
    related,
  };
}

function withoutShared(finding: RawFinding): RawFinding {
  if (!finding.shared) return finding;
  const { shared: _shared, ...rest } = finding;
  return rest;
}
