import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import type { RawFinding } from '../../../../src/core/rules/types';
import { assertFixWorks, documentsOf, fixture, positionsOf } from '../compose/fixChecks';

/** Removed API versions, StatefulSets without serviceName, probes on undeclared port names; DeploymentConfig read as a workload. */

const analyze = (text: string) => analyzeKubernetes(text, { rethrow: true });
const findingsOf = (text: string, ruleId: string): RawFinding[] => analyze(text).findings.filter((f) => f.ruleId === ruleId);
const LEGACY = fixture('kubernetes', 'deprecated-api/bad-legacy-apis.yaml');
const CURRENT = fixture('kubernetes', 'deprecated-api/good-current-apis.yaml');
const RULES = ['k8s/deprecated-api', 'k8s/statefulset-service-name', 'k8s/probe-port'];

describe('kubernetes API versions and references', () => {
  it('are quiet on current APIs, a custom resource, a DeploymentConfig with declared and numbered probe ports', () => {
    for (const id of RULES) assert.deepEqual(findingsOf(CURRENT, id), [], id);
  });

  describe('k8s/deprecated-api', () => {
    const id = 'k8s/deprecated-api';
    it('flags apiVersions no longer served for the kind, with the replacement and the table date', () => {
      assert.deepEqual(positionsOf(findingsOf(LEGACY, id), id), ['2:12', '24:12', '40:12']);
      const [deployment, cronJob, psp] = findingsOf(LEGACY, id).map((finding) => finding.message ?? '');
      assert.match(
        deployment,
        /extensions\/v1beta1, which Kubernetes 1\.16 stopped serving \(as of 2026-12\): use apps\/v1 \(some fields moved\)/,
      );
      assert.match(cronJob, /use batch\/v1\.$/);
      assert.match(psp, /the API is gone: use Pod Security Admission labels/);
    });
    it('fixes only where the fields are the same', () => {
      const [deployment, cronJob, psp] = findingsOf(LEGACY, id);
      assert.equal(deployment.fix, undefined);
      assert.equal(psp.fix, undefined);
      const fixed = assertFixWorks(analyze, LEGACY, cronJob, { changes: ['1/apiVersion'] });
      assert.equal((documentsOf(fixed)[1] as any).apiVersion, 'batch/v1');
    });
  });

  it('k8s/statefulset-service-name: flags a StatefulSet without serviceName on its spec', () => {
    assert.deepEqual(positionsOf(findingsOf(LEGACY, 'k8s/statefulset-service-name'), 'k8s/statefulset-service-name'), ['52:0']);
  });

  it('k8s/probe-port: flags probes on port names the container does not declare', () => {
    const id = 'k8s/probe-port';
    assert.deepEqual(positionsOf(findingsOf(LEGACY, id), id), ['22:20', '70:20']);
    assert.match(findingsOf(LEGACY, id)[1].message ?? '', /probes port "pg", which the container does not declare \(its ports: postgres\)/);
  });

  it('reads an OpenShift DeploymentConfig like a Deployment', () => {
    const privileged = CURRENT.replace(
      '          ports:\n            - name: http',
      '          securityContext: {privileged: true}\n          ports:\n            - name: http',
    );
    assert.deepEqual(positionsOf(findingsOf(privileged, 'k8s/privileged-container'), 'k8s/privileged-container'), ['19:40']);
    assert.ok(findingsOf(CURRENT, 'k8s/resource-requests').some((finding) => /DeploymentConfig "web"/.test(finding.message ?? '')));
  });
});

describe('kubernetes data and ingress rules', () => {
  const QUICKSTART = fixture('kubernetes', 'stateful-empty-dir/bad-shop-quickstart.yaml');
  const PRODUCTION = fixture('kubernetes', 'stateful-empty-dir/good-shop-production.yaml');
  it('are quiet on claims, caches on emptyDir, scratch mounts, TLS at the Ingress or the load balancer, and local hosts', () => {
    for (const id of ['k8s/stateful-empty-dir', 'k8s/ingress-tls']) assert.deepEqual(findingsOf(PRODUCTION, id), [], id);
  });
  it('k8s/stateful-empty-dir: flags the database data path on emptyDir, not its socket folder', () => {
    const id = 'k8s/stateful-empty-dir';
    assert.deepEqual(positionsOf(findingsOf(QUICKSTART, id), id), ['21:25']);
    assert.match(findingsOf(QUICKSTART, id)[0].message ?? '', /\(postgres\) keeps \/var\/lib\/postgresql\/data on emptyDir volume "data"/);
  });
  it('k8s/ingress-tls: flags an Ingress without tls, naming its hosts', () => {
    const id = 'k8s/ingress-tls';
    assert.deepEqual(positionsOf(findingsOf(QUICKSTART, id), id), ['32:6']);
    assert.match(findingsOf(QUICKSTART, id)[0].message ?? '', /Ingress "shop" has no tls: shop\.acme\.example is served over plain HTTP/);
  });
});
