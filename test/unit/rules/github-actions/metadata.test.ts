import { strict as assert } from 'node:assert';
import { GITHUB_ACTIONS_DETECTORS } from '../../../../src/core/rules/github-actions/detectors';
import { checkRuleMetadata } from '../yaml/ruleMetadataSupport';

describe('github-actions rule metadata (data/rules/github-actions.yml)', () => {
  it('describes exactly the implemented rules, completely', () => {
    const rules = checkRuleMetadata('github-actions.yml', 'gha', Object.keys(GITHUB_ACTIONS_DETECTORS));
    assert.equal(rules.length, 28);
  });

  it('splits action pinning by stage: third-party at production, GitHub-owned at enterprise', () => {
    const rules = checkRuleMetadata('github-actions.yml', 'gha', Object.keys(GITHUB_ACTIONS_DETECTORS));
    const from = (id: string) => rules.find((rule) => rule.id === id)?.from;
    assert.equal(from('gha/pin-third-party-actions'), 'production');
    assert.equal(from('gha/pin-github-owned-actions'), 'enterprise');
  });
});
