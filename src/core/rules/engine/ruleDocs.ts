import { memoizedByText } from '../../memoizedByText';
/**
 * Where a rule is documented: one generated page per rule, `docs/rules/<rule id>.md`
 * (see ruleDocPages.ts). The Problems panel, hovers, JSON `helpUri` and SARIF link there.
 */
export const RULES_DOC_BASE = 'https://github.com/stage-guide/stage-guide/blob/main/';

/** The page of a rule, relative to the repository root: `docs/rules/docker/non-root-user.md`. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** The documentation link of a rule, for the Problems panel and the CLI. */
export function ruleDocUrl(ruleId: string): string {
  return docUrlByRule(ruleId);
}

/** One string per rule, not one per finding (the editor keeps a workspace's placed findings, each with its link). */
const docUrlByRule = memoizedByText((ruleId) => `${RULES_DOC_BASE}${ruleDocPath(ruleId)}`, 1024);
