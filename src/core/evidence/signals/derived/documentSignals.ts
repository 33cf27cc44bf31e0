import ignore from 'ignore';
import { posixRelative } from '../../../fileSystem';
import { lineOfOffset } from '../../../ci/commandWords';
import { holds } from '../observation';
import type { Observation } from '../observation';
import { deployCommandIn } from './ciSignals';
import type { Derivation } from './context';

const SETUP_HEADING =
  /\b(getting started|get started|quick ?start|set ?up|installation|install(ing)?|usage|running( locally)?|run(ning)? the|how to run|local development|development|configuration|configure)\b/i;
const DEPLOY_HEADING = /\b(deploy(ing|ment)?|releas(e|ing)|shipping)\b/i;

/** docs.readme-setup and docs.deploy-steps (README headings, deploy commands in its code blocks), repo.codeowners (a rule covering the service), secrets.env-ignored. */
export const documentSignals: Derivation = {
  signals: ['docs.readme-setup', 'docs.deploy-steps', 'repo.codeowners', 'secrets.env-ignored'],
  derive({ facts, scopeFolder }) {
    const observations: Observation[] = [];
    for (const heading of facts.headings) {
      if (SETUP_HEADING.test(heading.text))
        observations.push(holds('docs.readme-setup', { path: heading.path, line: heading.line }, `README section "${heading.text}"`));
      if (DEPLOY_HEADING.test(heading.text))
        observations.push(holds('docs.deploy-steps', { path: heading.path, line: heading.line }, `README section "${heading.text}"`));
    }
    // Deploy commands the README tells a person to run are written-down deploy steps (never a CI deploy).
    for (const script of facts.documentScripts) {
      const deploy = deployCommandIn(script.text);
      if (!deploy) continue;
      const command = deploy.words.join(' ');
      const under = script.heading === undefined ? '' : ` under "${script.heading}"`;
      observations.push(
        holds(
          'docs.deploy-steps',
          { path: script.path, line: script.line + lineOfOffset(script.text, deploy.offset) },
          `README shows how to deploy${under}: \`${command.length > 60 ? `${command.slice(0, 57)}…` : command}\``,
        ),
      );
    }
    for (const file of facts.codeowners) {
      // A CODEOWNERS inside the service folder speaks in paths relative to the repository root too.
      const rule = coveringRule(file.rules, scopeFolder);
      if (rule)
        observations.push(holds('repo.codeowners', { path: file.path, line: rule.line }, `${rule.pattern} ${rule.owners.join(' ')}`));
    }
    if (facts.envFileIgnoredBy) {
      const relative = posixRelative(facts.workspaceRoot, facts.envFileIgnoredBy.path) ?? facts.envFileIgnoredBy.path;
      observations.push(holds('secrets.env-ignored', facts.envFileIgnoredBy, `${relative} ignores .env`));
    }
    return observations;
  },
};

/**
 * The rule that decides who owns the service folder (the last matching rule
 * wins, as on GitHub and GitLab), if it names owners. The root service asks
 * about a file at the root, which `*` covers but `/docs/` does not.
 */
export function coveringRule<Rule extends { pattern: string; owners: string[] }>(
  rules: readonly Rule[],
  scopeFolder: string,
): Rule | undefined {
  const probes = scopeFolder === '' ? ['any-file'] : [`${scopeFolder}/`, `${scopeFolder}/any-file`];
  let decided: Rule | undefined;
  for (const rule of rules) {
    const matcher = ignore({ allowRelativePaths: true }).add(rule.pattern);
    if (probes.some((probe) => matcher.ignores(probe))) decided = rule;
  }
  return decided && decided.owners.length > 0 ? decided : undefined;
}
