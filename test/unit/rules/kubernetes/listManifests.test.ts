import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import { readManifestFile } from '../../../../src/core/rules/kubernetes/manifestModel';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';
import { factsOf } from '../../evidence/support/scan';

/** What `kubectl get deploy,svc -o yaml` writes: one `kind: List` holding the objects. */
const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 1
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers:
            - name: web
              image: nginx:latest
  - apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      ports: [{ port: 80 }]
`;

describe('Kubernetes: `kind: List` manifests (issue 10, item 13)', () => {
  it('each item is an object of its own for the rules, with ranges inside the file', () => {
    const manifest = readManifestFile(parseYamlFile(LIST));
    assert.deepEqual(
      manifest.objects.map((object) => `${object.kind}/${object.name}`),
      ['Deployment/web', 'Service/web'],
    );
    assert.equal(manifest.workloads.length, 1);
    const findings = analyzeKubernetes(LIST, { rethrow: true }).findings;
    assert.ok(findings.length > 0, 'the Deployment inside the list is analysed');
    const lines = LIST.split('\n');
    for (const finding of findings) {
      assert.ok(finding.range.start.line >= 3, `${finding.ruleId} points inside the items (line ${finding.range.start.line})`);
      assert.ok(finding.range.start.line < lines.length);
    }
    assert.ok(
      findings.some((finding) => finding.range.start.line > 3 && finding.range.start.line < 16),
      'a finding on the Deployment item',
    );
  });

  it('each item is a resource for the evidence, at its own line', async () => {
    const facts = await factsOf({ '.stage.yml': 'stage: mvp\n', 'k8s/all.yaml': LIST });
    assert.deepEqual(
      facts.resources.map((resource) => `${resource.kind}/${resource.name}@${resource.at.line}`),
      ['Deployment/web@4', 'Service/web@17'],
    );
  });
});
