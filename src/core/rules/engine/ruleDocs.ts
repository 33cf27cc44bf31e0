/** Where the README documents the rules (its generated table carries one anchor per rule). */
export const RULES_DOC_BASE = 'https://github.com/stage-guide/stage-guide#rule-';

/** The README anchor of a rule: `rule-docker-non-root-user`. */
export function ruleDocAnchor(ruleId: string): string {
  return `rule-${ruleId.replace(/\//g, '-')}`;
}

/** The documentation link of a rule, for the Problems panel and the CLI. */
export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_BASE}${ruleId.replace(/\//g, '-')}`;
}
