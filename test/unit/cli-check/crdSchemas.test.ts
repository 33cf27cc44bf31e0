import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

/**
 * An operator's repository through `stage-guide check`: its CRDs are parsed with their schemas left out
 * (test/fixtures/workspaces/operator-crds/README.md), and the report is what reading them whole gives.
 */
const ROOT = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'operator-crds');

describe('check: an operator repository with CustomResourceDefinitions', () => {
  it("reports the removed CRD API and the controller's findings at their lines, and nothing in the CRDs' schemas", async () => {
    const run = await check(ROOT, '--root', ROOT, '--format', 'json', '--fail-on', 'none');
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out) as {
      services: Array<{ findings: Array<{ rule: string; file: string; line: number; status: string }> }>;
    };
    assert.deepEqual(
      report.services.flatMap((service) =>
        service.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.status}`),
      ),
      [
        'charts/widget-operator/crds/gadgets.yaml:2 k8s/deprecated-api due',
        'charts/widget-operator/values.yaml:4 k8s/replicas next',
        'deploy/install.yaml:62 k8s/horizontal-pod-autoscaler next',
        'deploy/install.yaml:62 k8s/pod-disruption-budget next',
        'deploy/install.yaml:67 k8s/replicas next',
        'deploy/install.yaml:75 k8s/default-service-account next',
        'deploy/install.yaml:75 k8s/seccomp-profile next',
        'deploy/install.yaml:77 k8s/drop-all-capabilities next',
        'deploy/install.yaml:77 k8s/privilege-escalation due',
        'deploy/install.yaml:77 k8s/read-only-root-filesystem next',
        'deploy/install.yaml:77 k8s/readiness-probe due',
        'deploy/install.yaml:77 k8s/run-as-non-root due',
      ],
    );
  });
});
