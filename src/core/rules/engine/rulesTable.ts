import type { RuleMeta } from '../types';
import { ruleDocAnchor } from './ruleDocs';
import type { RuleCatalog } from './ruleCatalog';

export const RULES_START_MARKER = '<!-- rules:start -->';
export const RULES_END_MARKER = '<!-- rules:end -->';

const KIND_ORDER = ['dockerfile', 'github-actions', 'gitlab-ci', 'compose', 'kubernetes'];
const STAGE_ORDER = ['prototype', 'mvp', 'production', 'scale', 'enterprise'];

/**
 * The README's rules table, generated from the catalog (a test keeps README in
 * sync). Each row carries the anchor `ruleDocUrl` links to.
 */
export function renderRulesTable(catalog: RuleCatalog): string {
  const rules = [...catalog.rules].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || STAGE_ORDER.indexOf(a.from) - STAGE_ORDER.indexOf(b.from) || a.id.localeCompare(b.id),
  );
  const header = ['Rule', 'File kind', 'Concern', 'Stage', 'Title', 'Why', 'Fix', 'Peers'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const rule of rules) lines.push(`| ${row(rule).join(' | ')} |`);
  return lines.join('\n');
}

function row(rule: RuleMeta): string[] {
  return [
    `<a id="${ruleDocAnchor(rule.id)}"></a>\`${rule.id}\``,
    rule.kind,
    rule.concern,
    rule.dueSeverity === 'info' ? `${rule.from} (info)` : rule.from,
    cell(rule.title),
    cell(rule.why),
    cell(rule.fix),
    rule.peers.length > 0 ? rule.peers.map((peer) => `\`${peer}\``).join(', ') : '—',
  ];
}

/** One table cell: single line, pipes escaped. */
function cell(text: string): string {
  // Lines trimmed and joined by scans: `\s*\n\s*` is quadratic on a long run of spaces.
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/\|/g, '\\|');
}

/** The text between the markers, or undefined when README lacks them. */
export function readmeRulesSection(readme: string): string | undefined {
  const start = readme.indexOf(RULES_START_MARKER);
  const end = readme.indexOf(RULES_END_MARKER);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(start + RULES_START_MARKER.length, end).trim();
}

/** README with the section between the markers replaced by `table`; undefined when the markers are missing. */
export function withRulesSection(readme: string, table: string): string | undefined {
  const start = readme.indexOf(RULES_START_MARKER);
  const end = readme.indexOf(RULES_END_MARKER);
  if (start === -1 || end === -1 || end < start) return undefined;
  return `${readme.slice(0, start + RULES_START_MARKER.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
