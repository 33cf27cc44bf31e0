import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import type { RawFinding } from '../../../../src/core/rules/types';
import { assertFixWorks, documentsOf, fixture, positionsOf } from '../compose/fixChecks';

/** RBAC rules and the default ServiceAccount. */

const analyze = (text: string) => analyzeKubernetes(text, { rethrow: true });
const findingsOf = (text: string, ruleId: string): RawFinding[] => analyze(text).findings.filter((f) => f.ruleId === ruleId);
const BROAD = fixture('kubernetes', 'rbac-wildcard/bad-broad.yaml');
const SCOPED = fixture('kubernetes', 'rbac-wildcard/good-scoped.yaml');
const RULES = ['k8s/cluster-admin-binding', 'k8s/rbac-wildcard', 'k8s/secrets-access', 'k8s/default-service-account'];

describe('kubernetes RBAC rules', () => {
  it('are quiet on an operator bundle: wildcards on its own API group, Secrets by name, a binding to view, a dedicated account, a Job without a token', () => {
    for (const id of RULES) assert.deepEqual(findingsOf(SCOPED, id), [], id);
  });

  it('k8s/cluster-admin-binding: flags the role name of a binding to cluster-admin', () => {
    assert.deepEqual(positionsOf(findingsOf(BROAD, 'k8s/cluster-admin-binding'), 'k8s/cluster-admin-binding'), ['15:8']);
    assert.match(
      findingsOf(BROAD, 'k8s/cluster-admin-binding')[0].message ?? '',
      /ClusterRoleBinding "deployer-admin" grants cluster-admin/,
    );
  });

  it('k8s/rbac-wildcard: flags each * in verbs or resources of rules that reach built-in groups', () => {
    const id = 'k8s/rbac-wildcard';
    assert.deepEqual(positionsOf(findingsOf(BROAD, id), id), ['27:16', '31:12']);
    assert.match(findingsOf(BROAD, id)[1].message ?? '', /grants "\*" verbs/);
  });

  it('k8s/secrets-access: flags read access to every Secret, in ClusterRoles and Roles', () => {
    const id = 'k8s/secrets-access';
    assert.deepEqual(positionsOf(findingsOf(BROAD, id), id), ['30:30', '40:16']);
    assert.match(findingsOf(BROAD, id)[1].message ?? '', /Role "reporter-secrets" can list\/watch every Secret of its namespace/);
  });

  describe('k8s/default-service-account', () => {
    const id = 'k8s/default-service-account';
    it('flags workloads on the default account with a token, on serviceAccountName or the pod spec', () => {
      assert.deepEqual(positionsOf(findingsOf(BROAD, id), id), ['53:8', '73:26']);
    });
    it('fix turns the token off (inserting or flipping automountServiceAccountToken)', () => {
      const [inserted, flipped] = findingsOf(BROAD, id);
      const fixed = assertFixWorks(analyze, BROAD, inserted, {
        changes: ['4/spec/jobTemplate/spec/template/spec/automountServiceAccountToken'],
      });
      assert.equal((documentsOf(fixed)[4] as any).spec.jobTemplate.spec.template.spec.automountServiceAccountToken, false);
      assertFixWorks(analyze, BROAD, flipped, { changes: ['5/spec/template/spec/automountServiceAccountToken'] });
    });
    it("is quiet when the file's default ServiceAccount turns the token off", () => {
      const text = `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: reports}\nautomountServiceAccountToken: false\n---\n${BROAD}`;
      assert.deepEqual(findingsOf(text, id), []);
    });
  });
});
