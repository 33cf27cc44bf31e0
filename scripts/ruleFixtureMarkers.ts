/**
 * The expectations a rule fixture carries itself: `# expect: <rule-id>[, <rule-id>…]`.
 *
 * - On a line of its own, the marker names the findings expected on the next
 *   line that is neither blank nor a comment (for a Dockerfile: anywhere in the
 *   instruction that line belongs to, continuation lines included).
 * - At the end of a YAML line (`image: nginx # expect: compose/image-tag`),
 *   it names the findings expected on that line (at the end of a comment line,
 *   on the next line, as a marker line does; a finding over several lines,
 *   such as a shell command continued with `\`, may be marked on any of them).
 *
 * An id written twice expects two findings there. A fixture checks every rule
 * its markers name, the rule its folder is named after (`<kind>/<slug>/`), and
 * every rule of the kind when it has a `# checks: all` line: for those rules,
 * the findings must be exactly the marked ones.
 */
export interface ExpectMarker {
  ruleId: string;
  /** Zero-based line of the marker itself (for messages). */
  markerLine: number;
  /** Zero-based lines a finding's start may be on. */
  first: number;
  last: number;
  /** A marker at the end of a line: it also matches a finding whose range spans that line. */
  trailing: boolean;
}

const OWN_LINE = /^\s*#\s*expect:\s*(.+?)\s*$/;
const TRAILING = /\s#\s*expect:\s*([^#]+?)\s*$/;
const CHECKS_ALL = /^\s*#\s*checks:\s*all\s*$/;

/** The line spans of the instruction (Dockerfile) or line (YAML) that a line belongs to. */
export type SpanOf = (line: number) => { first: number; last: number };

export function expectMarkers(text: string, spanOf: SpanOf, allowTrailing: boolean): ExpectMarker[] {
  const lines = text.split('\n');
  const markers: ExpectMarker[] = [];
  lines.forEach((line, index) => {
    // A comment line ending in a marker (`# A first compose file. # expect: …`) marks the next line, as a marker line does.
    const own = OWN_LINE.exec(line) ?? (allowTrailing && line.trim().startsWith('#') ? TRAILING.exec(line) : null);
    if (own) {
      let target = index + 1;
      while (target < lines.length && (lines[target].trim() === '' || lines[target].trim().startsWith('#'))) target++;
      if (target >= lines.length) throw new Error(`"# expect" on line ${index + 1} is followed by nothing to expect on`);
      for (const ruleId of idsOf(own[1])) markers.push({ ruleId, markerLine: index, ...spanOf(target), trailing: false });
      return;
    }
    const trailing = allowTrailing ? TRAILING.exec(line) : null;
    if (trailing)
      for (const ruleId of idsOf(trailing[1])) markers.push({ ruleId, markerLine: index, first: index, last: index, trailing: true });
  });
  return markers;
}

export function checksAll(text: string): boolean {
  return text.split('\n').some((line) => CHECKS_ALL.test(line));
}

/** The text without its markers, as a documentation example shows it (lines holding only a marker dropped). */
export function withoutMarkers(text: string): string {
  return text
    .split('\n')
    .filter((line) => !OWN_LINE.test(line) && !CHECKS_ALL.test(line))
    .map((line) => line.replace(TRAILING, ''))
    .join('\n');
}

function idsOf(list: string): string[] {
  return list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}
