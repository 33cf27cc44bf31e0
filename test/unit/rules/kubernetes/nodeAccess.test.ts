import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import type { RawFinding } from '../../../../src/core/rules/types';
import { assertFixWorks, documentsOf, fixture, positionsOf } from '../compose/fixChecks';

/** The rules about what a pod can reach of its node: host namespaces, host paths, capabilities, seccomp, user and group IDs. */

const analyze = (text: string) => analyzeKubernetes(text, { rethrow: true });
const findingsOf = (text: string, ruleId: string): RawFinding[] => analyze(text).findings.filter((f) => f.ruleId === ruleId);
const AGENT = fixture('kubernetes', 'host-namespaces/bad-node-agent.yaml');
const HARDENED_AGENT = fixture('kubernetes', 'host-namespaces/good-node-agent-hardened.yaml');

const RULES = [
  'k8s/host-namespaces',
  'k8s/sensitive-host-path',
  'k8s/writable-host-path',
  'k8s/dangerous-capabilities',
  'k8s/drop-all-capabilities',
  'k8s/seccomp-profile',
  'k8s/root-group',
  'k8s/low-user-id',
];

/** A Deployment whose single container has the given lines (2-space style, under `- name: app`). */
function deployment(pod: string[], container: string[] = []): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    ...pod.map((line) => `      ${line}`),
    '      containers:',
    '        - name: app',
    '          image: ghcr.io/acme/api:1.0.0',
    ...container.map((line) => `          ${line}`),
    '',
  ].join('\n');
}

describe('kubernetes node-access rules', () => {
  it('are quiet on a least-privilege agent, a Job with legacy seccomp annotations and a custom resource (Helm-rendered)', () => {
    for (const id of RULES) assert.deepEqual(findingsOf(HARDENED_AGENT, id), [], id);
  });

  describe('k8s/host-namespaces', () => {
    const id = 'k8s/host-namespaces';
    it('flags each host namespace set to true, on its value (false is fine)', () => {
      assert.deepEqual(positionsOf(findingsOf(AGENT, id), id), ['16:19', '17:15']);
      assert.match(findingsOf(AGENT, id)[1].message ?? '', /DaemonSet "log-shipper" sets hostPID: true — it sees every process/);
    });
    it('fix sets it to false', () => {
      const fixed = assertFixWorks(analyze, AGENT, findingsOf(AGENT, id)[0], { changes: ['0/spec/template/spec/hostNetwork'] });
      assert.equal((documentsOf(fixed)[0] as any).spec.template.spec.hostNetwork, false);
    });
  });

  describe('k8s/sensitive-host-path and k8s/writable-host-path', () => {
    it('flag the runtime socket and system folders on the volume, whatever the mount says', () => {
      assert.deepEqual(positionsOf(findingsOf(AGENT, 'k8s/sensitive-host-path'), 'k8s/sensitive-host-path'), ['40:18', '51:18']);
      assert.match(findingsOf(AGENT, 'k8s/sensitive-host-path')[0].message ?? '', /the container runtime socket/);
    });
    it('flag other host paths mounted without readOnly: true, on the mount (not the sensitive ones again)', () => {
      const id = 'k8s/writable-host-path';
      assert.deepEqual(positionsOf(findingsOf(AGENT, id), id), ['33:25', '35:25']);
    });
    it('writable fix adds readOnly: true, or flips readOnly: false', () => {
      const id = 'k8s/writable-host-path';
      const [added, flipped] = findingsOf(AGENT, id);
      assertFixWorks(analyze, AGENT, added, { changes: ['0/spec/template/spec/containers/0/volumeMounts/1/readOnly'] });
      const fixed = assertFixWorks(analyze, AGENT, flipped, { changes: ['0/spec/template/spec/containers/0/volumeMounts/2/readOnly'] });
      assert.equal((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].volumeMounts[2].readOnly, true);
    });
  });

  describe('k8s/dangerous-capabilities and k8s/drop-all-capabilities', () => {
    it('flag dangerous added capabilities in any spelling, not the narrow ones', () => {
      const id = 'k8s/dangerous-capabilities';
      assert.deepEqual(positionsOf(findingsOf(AGENT, id), id), ['27:20', '27:53']);
      assert.match(findingsOf(AGENT, id)[1].message ?? '', /adds SYS_PTRACE/);
    });
    it('leave privileged containers to the privileged rule', () => {
      const text = deployment([], ['securityContext:', '  privileged: true', '  capabilities: {add: [SYS_ADMIN]}']);
      assert.deepEqual(findingsOf(text, 'k8s/dangerous-capabilities'), []);
      assert.deepEqual(findingsOf(text, 'k8s/drop-all-capabilities'), []);
    });
    it('drop-all: flags a drop list without ALL and replaces it', () => {
      const id = 'k8s/drop-all-capabilities';
      assert.deepEqual(positionsOf(findingsOf(AGENT, id), id), ['28:20']);
      const fixed = assertFixWorks(analyze, AGENT, findingsOf(AGENT, id)[0], {
        changes: ['0/spec/template/spec/containers/0/securityContext/capabilities/drop'],
      });
      assert.deepEqual((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].securityContext.capabilities, {
        add: ['SYS_ADMIN', 'NET_BIND_SERVICE', 'cap_sys_ptrace'],
        drop: ['ALL'],
      });
    });
    it('drop-all: creates securityContext.capabilities when there is none, in init containers too', () => {
      const text = deployment([
        'initContainers:',
        '  - name: wait',
        '    image: busybox:1.36',
        '    securityContext: {capabilities: {drop: [ALL]}}',
      ]);
      const finding = findingsOf(text, 'k8s/drop-all-capabilities');
      assert.equal(finding.length, 1);
      const fixed = assertFixWorks(analyze, text, finding[0], { changes: ['0/spec/template/spec/containers/0/securityContext'] });
      assert.deepEqual((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].securityContext, {
        capabilities: { drop: ['ALL'] },
      });
    });
  });

  describe('k8s/seccomp-profile', () => {
    const id = 'k8s/seccomp-profile';
    it('flags a pod whose containers have no profile, once, on the pod spec; and Unconfined where written', () => {
      assert.deepEqual(positionsOf(findingsOf(AGENT, id), id), ['15:4']);
      const text = deployment([], ['securityContext:', '  seccompProfile: {type: Unconfined}']);
      assert.deepEqual(positionsOf(findingsOf(text, id), id), ['13:35']);
    });
    it('counts a container-level profile, the pod-level one and the legacy annotations', () => {
      assert.deepEqual(findingsOf(deployment([], ['securityContext: {seccompProfile: {type: RuntimeDefault}}']), id), []);
      assert.deepEqual(findingsOf(deployment(['securityContext: {seccompProfile: {type: Localhost, localhostProfile: a.json}}']), id), []);
    });
    it('fix sets RuntimeDefault on the pod, or replaces Unconfined', () => {
      const fixed = assertFixWorks(analyze, AGENT, findingsOf(AGENT, id)[0], {
        changes: ['0/spec/template/spec/securityContext/seccompProfile'],
      });
      assert.deepEqual((documentsOf(fixed)[0] as any).spec.template.spec.securityContext.seccompProfile, { type: 'RuntimeDefault' });
      const created = deployment([]);
      assertFixWorks(analyze, created, findingsOf(created, id)[0], { changes: ['0/spec/template/spec/securityContext'] });
      const unconfined = deployment([], ['securityContext:', '  seccompProfile: {type: Unconfined}']);
      assertFixWorks(analyze, unconfined, findingsOf(unconfined, id)[0], {
        changes: ['0/spec/template/spec/containers/0/securityContext/seccompProfile/type'],
      });
    });
  });

  describe('k8s/root-group and k8s/low-user-id', () => {
    it('flag runAsGroup: 0 and IDs below 10000 once where written, leaving root users to run-as-non-root', () => {
      assert.deepEqual(positionsOf(findingsOf(AGENT, 'k8s/root-group'), 'k8s/root-group'), ['21:20']);
      assert.deepEqual(positionsOf(findingsOf(AGENT, 'k8s/low-user-id'), 'k8s/low-user-id'), ['20:19']);
      const root = deployment(['securityContext: {runAsUser: 0}']);
      assert.deepEqual(findingsOf(root, 'k8s/low-user-id'), []);
    });
    it("a container's own ID wins over the pod's", () => {
      const text = deployment(['securityContext: {runAsUser: 1000}'], ['securityContext: {runAsUser: 10001}']);
      assert.deepEqual(findingsOf(text, 'k8s/low-user-id'), []);
    });
  });
});
