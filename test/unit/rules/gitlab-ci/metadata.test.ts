import { strict as assert } from 'node:assert';
import { GITLAB_CI_DETECTORS } from '../../../../src/core/rules/gitlab-ci/detectors';
import { checkRuleMetadata } from '../yaml/ruleMetadataSupport';

describe('gitlab-ci rule metadata (data/rules/gitlab-ci.yml)', () => {
  it('describes exactly the implemented rules, completely', () => {
    assert.equal(checkRuleMetadata('gitlab-ci.yml', 'gitlab', Object.keys(GITLAB_CI_DETECTORS)).length, 11);
  });
});
