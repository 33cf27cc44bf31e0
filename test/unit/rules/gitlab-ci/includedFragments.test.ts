import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';

const JOBS = 'build:\n  image: node:20\n  script:\n    - npm ci\n    - echo "npm test runs in test.yml"\n';

describe('gitlab-ci: files a pipeline includes', () => {
  it('checks the jobs of .gitlab/ci/*.yml, but leaves the pipeline-wide "runs tests" to .gitlab-ci.yml', () => {
    const fragment = analyzeFile('/repo/.gitlab/ci/build.yml', JOBS, NO_WORKSPACE_FACTS);
    assert.equal(fragment?.kind, 'gitlab-ci');
    assert.ok(fragment.findings.length > 0, 'job rules run on the fragment');
    assert.deepEqual(
      fragment.findings.filter((finding) => finding.ruleId === 'gitlab/ci-runs-tests'),
      [],
    );
    const root = analyzeFile('/repo/.gitlab-ci.yml', JOBS, NO_WORKSPACE_FACTS);
    assert.equal(
      root?.findings.filter((finding) => finding.ruleId === 'gitlab/ci-runs-tests').length,
      1,
      'an echoed "npm test" runs nothing',
    );
  });
});
