import * as assert from 'node:assert/strict';
import { fileDigests } from '../../../src/core/deployment/digest/fileDigests';
import { judgeAnalysis } from '../../../src/core/deployment/judge/judgeAnalysis';
import { DeploymentModel } from '../../../src/core/deployment/model/deploymentModel';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { analyzeKubernetes } from '../../../src/core/rules/kubernetes/analyzeKubernetes';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import { assertFixWorks, fixture, positionsOf } from '../rules/compose/fixChecks';

/** k8s/service-account-token: a token mounted for an account nothing in the workspace grants a role. */

const id = 'k8s/service-account-token';

function judged(files: Record<string, string>, path: string) {
  const digests = Object.entries(files).flatMap(([file, text]) => fileDigests(file, text));
  const model = new DeploymentModel(digests, { repositoryRoot: '/repo' });
  return judgeAnalysis(path, analyzeFile(path, files[path], NO_WORKSPACE_FACTS)!, model, builtinRuleCatalog());
}

const deployment = (namespace: string, extra: string[] = []) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: cache-operator, namespace: ${namespace}}`,
    'spec:',
    '  selector: {matchLabels: {app: cache-operator}}',
    '  template:',
    '    metadata: {labels: {app: cache-operator}}',
    '    spec:',
    '      serviceAccountName: cache-operator',
    ...extra.map((line) => `      ${line}`),
    '      containers:',
    '        - {name: manager, image: "ghcr.io/acme/cache-operator:0.4.0"}',
    '',
  ].join('\n');

const binding = (namespace: string) =>
  [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    `metadata: {name: cache-operator, namespace: ${namespace}}`,
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cache-operator}',
    'subjects:',
    '  - {kind: ServiceAccount, name: cache-operator}',
    '',
  ].join('\n');

describe('k8s/service-account-token', () => {
  it('flags a named account nothing binds, on serviceAccountName; quiet when the same file binds it or the pod opts out', () => {
    const broad = fixture('kubernetes', 'rbac-wildcard/bad-broad.yaml');
    const found = analyzeKubernetes(broad, { rethrow: true }).findings.filter((finding) => finding.ruleId === id);
    assert.deepEqual(positionsOf(found, id), ['93:26']);
    const scoped = analyzeKubernetes(fixture('kubernetes', 'rbac-wildcard/good-scoped.yaml'), { rethrow: true }).findings;
    assert.deepEqual(
      scoped.filter((finding) => finding.ruleId === id),
      [],
    );
    const vault = deployment('cache', ['automountServiceAccountToken: true']).replace(
      'metadata: {labels: {app: cache-operator}}',
      "metadata: {labels: {app: cache-operator}, annotations: {vault.hashicorp.com/agent-inject: 'true'}}",
    );
    assert.deepEqual(
      analyzeKubernetes(vault).findings.filter((finding) => finding.ruleId === id),
      [],
    );
  });

  it('fix writes automountServiceAccountToken: false after the account name', () => {
    const text = deployment('cache');
    const finding = analyzeKubernetes(text).findings.find((each) => each.ruleId === id)!;
    const fixed = assertFixWorks((t) => analyzeKubernetes(t), text, finding, {
      changes: ['0/spec/template/spec/automountServiceAccountToken'],
    });
    assert.match(fixed, /serviceAccountName: cache-operator\n {6}automountServiceAccountToken: false\n/);
  });

  it('a binding in another file of the workspace (same namespace) satisfies it, with a note; one in another namespace does not', () => {
    const files = { '/repo/config/manager.yaml': deployment('cache'), '/repo/config/rbac/binding.yaml': binding('cache') };
    const result = judged(files, '/repo/config/manager.yaml');
    assert.ok(!result.findings.some((finding) => finding.ruleId === id));
    assert.ok(
      result.anchors.some((anchor) => /RoleBinding "cache-operator" grants ServiceAccount "cache-operator" a role/.test(anchor.note ?? '')),
    );
    const elsewhere = judged({ ...files, '/repo/config/rbac/binding.yaml': binding('other') }, '/repo/config/manager.yaml');
    assert.ok(elsewhere.findings.some((finding) => finding.ruleId === id));
  });

  it('a ServiceAccount in another file that turns its token off satisfies it', () => {
    const account =
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cache-operator, namespace: cache}\nautomountServiceAccountToken: false\n';
    const result = judged({ '/repo/k8s/manager.yaml': deployment('cache'), '/repo/k8s/sa.yaml': account }, '/repo/k8s/manager.yaml');
    assert.ok(!result.findings.some((finding) => finding.ruleId === id));
  });
});
