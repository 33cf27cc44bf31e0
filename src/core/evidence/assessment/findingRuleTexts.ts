import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import { ruleDocUrl } from '../../rules/engine/ruleDocs';
import type { ConfigFinding } from './types';

/** The texts a rule gives every finding of it: its title, why, fix and documentation link. */
type RuleTexts = 'title' | 'why' | 'fixText' | 'docUrl';

/** A finding that may go without its rule's texts (`withoutRuleTexts`), to cross a thread boundary. */
export type LeanFinding = Omit<ConfigFinding, RuleTexts> & Partial<Pick<ConfigFinding, RuleTexts>>;

/**
 * The finding without the texts its rule in `catalog` gives every finding of it, when they are that rule's: a
 * structured clone copies every string it carries, and these were a third of the Stage view's findings as the scan
 * worker sent them (4 of 12 MB for 6,823 findings at 100,000 files). `withRuleTexts` takes them from the same catalogue.
 */
export function withoutRuleTexts(finding: ConfigFinding, catalog: RuleCatalog): LeanFinding {
  const rule = catalog.byId.get(finding.ruleId);
  if (
    !rule ||
    finding.title !== rule.title ||
    finding.why !== rule.why ||
    finding.fixText !== rule.fix ||
    finding.docUrl !== ruleDocUrl(rule.id)
  )
    return finding;
  const { title: _title, why: _why, fixText: _fixText, docUrl: _docUrl, ...lean } = finding;
  return lean;
}

/** The finding with its rule's texts again (one copy of each per rule, the catalogue's), unless it kept its own. */
export function withRuleTexts(finding: LeanFinding, catalog: RuleCatalog, docUrls: Map<string, string>): ConfigFinding {
  if (finding.title !== undefined && finding.why !== undefined && finding.fixText !== undefined && finding.docUrl !== undefined)
    return finding as ConfigFinding;
  const rule = catalog.byId.get(finding.ruleId);
  if (!rule) throw new Error(`stage-guide: a finding of ${finding.ruleId}, a rule the catalogue does not know, came without its texts`);
  let docUrl = docUrls.get(rule.id);
  if (docUrl === undefined) docUrls.set(rule.id, (docUrl = ruleDocUrl(rule.id)));
  return { ...finding, title: rule.title, why: rule.why, fixText: rule.fix, docUrl };
}
