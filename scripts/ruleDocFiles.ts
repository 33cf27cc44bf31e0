import type { Matrix } from '../src/core/matrix/types';
import type { RuleCatalog } from '../src/core/rules/engine/ruleCatalog';
import { formerIdsOf } from '../src/core/rules/engine/ruleCatalog';
import { renderFormerRulePage, renderRulePage, renderRulesIndex } from '../src/core/rules/engine/ruleDocPages';
import type { RuleExample } from '../src/core/rules/engine/ruleDocPages';
import { ruleDocPath } from '../src/core/rules/engine/ruleDocs';
import type { RuleMeta } from '../src/core/rules/types';
import { readPeerChecks, renderRecall } from './peerChecks';
import { withoutMarkers } from './ruleFixtureMarkers';
import { checkedRules, ruleFixtures } from './ruleFixtures';
import type { RuleFixture } from './ruleFixtures';

/**
 * Every generated rule page, path (relative to `root`) → text. The examples come from the rules'
 * own test fixtures (scripts/ruleFixtures.ts), so a page shows exactly what the rule tester proves is
 * reported and what is not: the first fixture marking the rule (whole when it is the rule's own,
 * else the lines around its marker), the committed `.fixed` output of its quick fixes, and a
 * fixture checking the rule that expects nothing of it. Markers are left out.
 */
export function renderRuleDocs(catalog: RuleCatalog, matrix: Matrix, root: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('docs/rules/README.md', renderRulesIndex(catalog, matrix));
  files.set('docs/rules/recall.md', renderRecall(readPeerChecks(root), catalog));
  for (const rule of catalog.rules) {
    files.set(ruleDocPath(rule.id), renderRulePage(rule, matrix, examplesOf(rule, root)));
    // A merged rule's old pages stay, saying where the check went (links in old reports keep working).
    for (const formerId of formerIdsOf(rule)) files.set(ruleDocPath(formerId), renderFormerRulePage(formerId, rule, matrix));
  }
  return files;
}

function examplesOf(rule: RuleMeta, root: string): RuleExample[] {
  const fixtures = ruleFixtures(rule.kind, root).filter(
    // A nested fixture (a Terraform module of several files, an examples/ layout) needs its surroundings to read.
    (fixture) => !fixture.nested && checkedRules(fixture, [rule.id]).includes(rule.id),
  );
  const marks = (fixture: RuleFixture) => fixture.markers.filter((marker) => marker.ruleId === rule.id);
  // A fixture of the rule's own folder shows it whole; one checking many rules shows the lines around the marker.
  const ownFirst = (a: RuleFixture, b: RuleFixture) => Number(a.folderRule !== rule.id) - Number(b.folderRule !== rule.id);
  const bad = fixtures.filter((fixture) => marks(fixture).length > 0).sort(ownFirst)[0];
  const good = fixtures.filter((fixture) => marks(fixture).length === 0).sort(ownFirst)[0];
  const examples: RuleExample[] = [];
  if (bad) {
    const marker = marks(bad)[0];
    const text = bad.folderRule === rule.id ? bad.text : excerpt(bad.text, marker.first, marker.last);
    examples.push({ kind: 'bad', path: bad.path, text: withoutMarkers(text) });
    if (bad.fixed !== undefined && bad.folderRule === rule.id)
      examples.push({ kind: 'fixed', path: `${bad.path}.fixed`, text: withoutMarkers(bad.fixed) });
  }
  if (good) examples.push({ kind: 'good', path: good.path, text: withoutMarkers(good.text) });
  return examples;
}

/** The lines around a marked place (a few before, for the context that makes it wrong), elisions shown as `# …`. */
function excerpt(text: string, first: number, last: number): string {
  const lines = text.split('\n');
  const from = Math.max(0, first - 6);
  const to = Math.min(lines.length, last + 4);
  return [...(from > 0 ? ['# …'] : []), ...lines.slice(from, to), ...(to < lines.length ? ['# …'] : [])].join('\n');
}
