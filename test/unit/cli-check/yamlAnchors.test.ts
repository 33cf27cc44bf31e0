import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

/**
 * Issue #11, "YAML anchors and merge keys": a setting inherited through an anchor is judged once, at the anchor,
 * not once per service, job or container that merges it; a choice written out is intent, not an omission.
 * Workspaces laid out like real projects (test/fixtures/workspaces/yaml-anchors/README.md), through `check`.
 */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'yaml-anchors');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

async function findingsOf(name: string): Promise<JsonFinding[]> {
  const root = join(FIXTURES, name);
  const run = await check(root, '--root', root, '--format', 'json');
  const report = JSON.parse(run.out) as { services: Array<{ findings: JsonFinding[] }> };
  return report.services.flatMap((service) => service.findings);
}

/** `rule@line` of each finding of these rules, in report order. */
function places(findings: readonly JsonFinding[], rules: readonly string[]): string[] {
  return findings.filter((finding) => rules.includes(finding.rule)).map((finding) => `${finding.rule}@${finding.line}`);
}

describe('check: a setting shared through a YAML anchor is judged once, where it is written', () => {
  it('compose: twenty services merging `x-common` lack a restart policy, a healthcheck and a memory limit: one finding each, at `x-common`', async () => {
    const findings = await findingsOf('compose-stack');
    assert.deepEqual(places(findings, ['compose/restart-policy', 'compose/healthcheck']), [
      'compose/healthcheck@3',
      'compose/restart-policy@3',
    ]);
    // postgres, which merges nothing, keeps its own memory-limit finding.
    assert.deepEqual(places(findings, ['compose/resource-limits']), ['compose/resource-limits@3', 'compose/resource-limits@160']);
    for (const finding of findings.filter((each) => each.line === 3))
      assert.match(finding.message, /^20 services that merge "x-common" \("web", "api", "auth" and 17 more\)/);
    // The migration says `restart: "no"` and `condition: service_started`: choices, not omissions.
    assert.deepEqual(places(findings, ['compose/depends-on-healthy']), []);
    assert.ok(!findings.some((finding) => /"migrate"/.test(finding.message)), JSON.stringify(findings));
  });

  it('GitLab: nine jobs that take their settings from `.defaults` (merged or extended) lack `interruptible`: one finding, at `.defaults`', async () => {
    const findings = await findingsOf('gitlab-pipeline');
    assert.deepEqual(places(findings, ['gitlab/job-interruptible']), ['gitlab/job-interruptible@4']);
    const [finding] = findings.filter((each) => each.rule === 'gitlab/job-interruptible');
    assert.match(finding.message, /^9 jobs that take their settings from `\.defaults` \(`build`, `lint`, `unit-tests` and 6 more\)/);
  });

  it('Kubernetes: containers that merge another (`- <<: *worker`) have what it has, and lack what it lacks once, at it', async () => {
    const findings = await findingsOf('kubernetes');
    const containerRules = [
      'k8s/privilege-escalation',
      'k8s/drop-all-capabilities',
      'k8s/resource-requests',
      'k8s/memory-limit',
      'k8s/read-only-root-filesystem',
      'k8s/liveness-probe',
      'k8s/readiness-probe',
    ];
    // The merged security context and requests count (no privilege-escalation, capabilities or requests finding)…
    assert.deepEqual(places(findings, containerRules), [
      'k8s/liveness-probe@25',
      'k8s/readiness-probe@25',
      'k8s/memory-limit@28',
      'k8s/read-only-root-filesystem@32',
    ]);
    // …and what the anchored container lacks is reported there once, naming the containers that merge it.
    const probe = findings.find((finding) => finding.rule === 'k8s/liveness-probe')!;
    assert.match(probe.message, /\(also containers "emails-worker", "reports-worker", which merge it\)/);
    const limit = findings.find((finding) => finding.rule === 'k8s/memory-limit')!;
    assert.match(limit.message, /shared: 2 more places merge this line/);
  });

  it('GitHub Actions: a step list three jobs share and a job reused whole: one finding per place, at the anchor', async () => {
    const findings = await findingsOf('github-workflow');
    assert.deepEqual(places(findings, ['gha/checkout-persist-credentials', 'gha/job-timeout-minutes', 'gha/ci-runs-tests']), [
      'gha/checkout-persist-credentials@13',
      'gha/job-timeout-minutes@28',
    ]);
    const checkout = findings.find((finding) => finding.rule === 'gha/checkout-persist-credentials')!;
    assert.match(checkout.message, /^Checkout keeps the token in `\.git\/config` \(shared: 2 more places merge this line\)$/);
    const timeout = findings.find((finding) => finding.rule === 'gha/job-timeout-minutes')!;
    assert.match(timeout.message, /\(also job "e2e-serial", written as an alias of this job\)$/);
  });
});
