import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

/**
 * k8s/replicas through `stage-guide check`: one finding per workload whose
 * threshold follows the stage, and the two rule ids it replaced still honoured
 * where a team wrote them (test/fixtures/workspaces/k8s-replicas/README.md).
 */
const ROOT = join(__dirname, '..', '..', 'fixtures', 'workspaces', 'k8s-replicas');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  stage: string;
  status: string;
  message: string;
}

describe('check: k8s/replicas, one finding per workload, old ids still honoured', () => {
  it('reports each workload once, at the threshold of the stage (or of the stage a waiver of the old id leaves)', async () => {
    const run = await check(ROOT, '--root', ROOT, '--format', 'json');
    const report = JSON.parse(run.out) as { services: Array<{ stageFileProblems: unknown[]; findings: JsonFinding[] }> };
    const [service] = report.services;
    assert.deepEqual(service.stageFileProblems, [], 'the waiver names k8s/replicas-at-least-3: still a known rule');
    const replicas = service.findings.filter((finding) => finding.rule.startsWith('k8s/replicas'));
    assert.deepEqual(
      replicas.map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.status} ${finding.stage}`),
      ['deploy/api.yaml:8 k8s/replicas due scale', 'deploy/storefront.yaml:8 k8s/replicas due production'],
      'worker.yaml: its comment names k8s/replicas-at-least-3, and 2 replicas are all production asks',
    );
    assert.match(replicas[0].message, /sets no replicas \(so 1\).*At least 3 from scale on\.$/);
    assert.match(replicas[1].message, /runs 1 replica: a single pod is a single point of failure\. At least 2 from production on/);
  });
});
