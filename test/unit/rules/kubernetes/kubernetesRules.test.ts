import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import { evaluateFindings } from '../../../../src/core/rules/engine/evaluate';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import type { RawFinding } from '../../../../src/core/rules/types';
import { stageAfter } from '../../../../src/core/stages';
import type { StageId } from '../../../../src/core/stages';
import { assertFixWorks, documentsOf, fixture, positionsOf } from '../compose/fixChecks';

/** Each Kubernetes rule: where it fires, where it stays quiet, and what its fix does. */

const analyze = (text: string) => analyzeKubernetes(text, { rethrow: true });
const findingsOf = (text: string, ruleId: string): RawFinding[] => analyze(text).findings.filter((f) => f.ruleId === ruleId);
const only = (text: string, ruleId: string): RawFinding => {
  const found = findingsOf(text, ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}, got ${found.map((f) => f.message).join(' | ')}`);
  return found[0];
};

const MINIMAL = fixture('kubernetes', 'web-minimal.yaml');
const HARDENED = fixture('kubernetes', 'web-hardened.yaml');
const BATCH = fixture('kubernetes', 'batch-and-stateful.yaml');

/** A Deployment with the given spec lines (under `spec:`) and container lines (under `- name: app`), 2-space style. */
function deployment(options: { spec?: string[]; pod?: string[]; container?: string[]; metadata?: string[] } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    ...(options.metadata ?? ['  namespace: shop']),
    'spec:',
    ...(options.spec ?? []).map((line) => `  ${line}`),
    '  selector:',
    '    matchLabels:',
    '      app: api',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: api',
    '    spec:',
    ...(options.pod ?? []).map((line) => `      ${line}`),
    '      containers:',
    '        - name: app',
    '          image: ghcr.io/acme/api:1.0.0',
    ...(options.container ?? []).map((line) => `          ${line}`),
    '',
  ].join('\n');
}

describe('kubernetes rules', () => {
  describe('k8s/readiness-probe and k8s/liveness-probe', () => {
    for (const [id, key] of [
      ['k8s/readiness-probe', 'readinessProbe'],
      ['k8s/liveness-probe', 'livenessProbe'],
    ] as const) {
      it(`${id}: flags long-running containers without ${key}, on the container name`, () => {
        assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['18:16']);
        assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['42:16']); // the CronJob's container is exempt
        const pod =
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36\n';
        assert.deepEqual(positionsOf(findingsOf(pod, id), id), ['7:12']);
      });
      it(`${id}: is quiet when the probe exists, for Jobs, and for init containers`, () => {
        assert.deepEqual(findingsOf(HARDENED, id), []);
        const job =
          'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n          image: m:1\n';
        assert.deepEqual(findingsOf(job, id), []);
      });
      it(`${id}: fix inserts an HTTP probe on the container's named port`, () => {
        const text = deployment({
          container: [
            'ports:',
            '  - name: http',
            '    containerPort: 8080',
            key === 'readinessProbe' ? 'livenessProbe: {tcpSocket: {port: http}}' : 'readinessProbe: {tcpSocket: {port: http}}',
          ],
        });
        const fixed = assertFixWorks(analyze, text, only(text, id), { changes: [`0/spec/template/spec/containers/0/${key}`] });
        const probe = (documentsOf(fixed)[0] as any).spec.template.spec.containers[0][key];
        assert.deepEqual(probe.httpGet.port, 'http');
        assert.equal(probe.periodSeconds, 10);
      });
    }
  });

  describe('k8s/resource-requests', () => {
    const id = 'k8s/resource-requests';
    it('flags containers missing a CPU or memory request, init containers included', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['18:16']);
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['15:20', '36:16', '46:10']);
      assert.match(findingsOf(BATCH, id)[2].message ?? '', /requests no memory:/);
      assert.ok(
        findingsOf(BATCH, 'k8s/memory-limit').some((finding) => /"init-perms"/.test(finding.message ?? '')),
        'memory-limit reads init containers too',
      );
    });
    it('counts a limit as a request (Kubernetes copies it) and is quiet when both are set', () => {
      const text = deployment({ container: ['resources:', '  limits:', '    cpu: 500m', '    memory: 256Mi'] });
      assert.deepEqual(findingsOf(text, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix adds only the missing requests', () => {
      const text = deployment({ container: ['resources:', '  requests:', '    cpu: 250m  # measured'] });
      const fixed = assertFixWorks(analyze, text, only(text, id), {
        changes: ['0/spec/template/spec/containers/0/resources/requests/memory'],
      });
      assert.match(fixed, /requests:\n {14}cpu: 250m {2}# measured\n {14}memory: 128Mi\n/);
    });
    it('fix creates the resources block when there is none', () => {
      const text = deployment();
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/spec/template/spec/containers/0/resources'] });
      assert.deepEqual((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].resources, {
        requests: { cpu: '100m', memory: '128Mi' },
      });
    });
  });

  describe('k8s/memory-limit', () => {
    const id = 'k8s/memory-limit';
    it('flags containers without a memory limit, and never asks for a CPU limit', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['18:16']);
      const cpuLimitOnly = deployment({ container: ['resources:', '  limits:', '    memory: 1Gi'] });
      assert.deepEqual(findingsOf(cpuLimitOnly, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix starts from the memory request, so the limit is never below it', () => {
      const text = deployment({ container: ['resources:', '  requests:', '    cpu: 250m', '    memory: 768Mi'] });
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: ['0/spec/template/spec/containers/0/resources/limits'] });
      assert.equal((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].resources.limits.memory, '768Mi');
    });
  });

  describe('k8s/image-tag and k8s/image-digest', () => {
    it('image-tag flags :latest and untagged images, init containers included', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, 'k8s/image-tag'), ['19:17']);
      assert.deepEqual(positionsOf(analyze(BATCH).findings, 'k8s/image-tag'), ['37:17']);
    });
    it('image-digest flags every image without a digest', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, 'k8s/image-digest'), ['16:21', '37:17', '43:17']);
    });
    it('both are quiet for digests and templated references', () => {
      assert.deepEqual(findingsOf(HARDENED, 'k8s/image-tag'), []);
      assert.deepEqual(findingsOf(HARDENED, 'k8s/image-digest'), []);
      const templated = deployment().replace('ghcr.io/acme/api:1.0.0', '${IMAGE}');
      assert.deepEqual(findingsOf(templated, 'k8s/image-tag'), []);
      assert.deepEqual(findingsOf(templated, 'k8s/image-digest'), []);
    });
  });

  describe('k8s/replicas: one finding whose threshold follows the stage', () => {
    const id = 'k8s/replicas';
    /** The finding as the stage governing the file reports it: "status label: message". */
    const at = (text: string, stage: StageId): string[] =>
      evaluateFindings(analyze(text), builtinRuleCatalog(), {
        stageForConcern: () => stage,
        nextStage: stageAfter(stage),
        filePath: '/repo/deploy/api.yaml',
        today: '2025-01-01',
      })
        .filter((staged) => staged.rule.id === id)
        .map((staged) => `${staged.status} ${staged.label}: ${staged.finding.message}`);

    it('a missing replicas means 1: one finding on `spec:`, with a step per threshold it falls short of', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['8:0']);
      assert.deepEqual(
        only(MINIMAL, id).steps?.map((step) => `${step.from}: ${step.fix?.title}`),
        ['production: Set replicas: 2', 'scale: Set replicas: 3'],
      );
    });

    it('the message states the threshold of the governing stage, and what the next stage asks', () => {
      const minimal = 'Deployment "web" sets no replicas (so 1) and no HorizontalPodAutoscaler in this file targets it: a single pod';
      assert.deepEqual(at(MINIMAL, 'mvp'), [
        `next next: production: ${minimal} is a single point of failure. At least 2 from production on (3 from scale on).`,
      ]);
      assert.deepEqual(at(MINIMAL, 'production'), [
        `due production: ${minimal} is a single point of failure. At least 2 from production on (3 from scale on).`,
      ]);
      assert.deepEqual(at(MINIMAL, 'scale'), [`due scale: ${minimal} is a single point of failure. At least 3 from scale on.`]);
    });

    it('two replicas are enough in production; the scale step is "next" there, due at scale, on the number', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['26:12']);
      const message =
        'StatefulSet "queue" runs 2 replicas: a rollout or node drain leaves one pod to carry all traffic. At least 3 from scale on.';
      assert.deepEqual(at(BATCH, 'production'), [`next next: scale: ${message}`]);
      assert.deepEqual(at(BATCH, 'scale'), [`due scale: ${message}`]);
      assert.deepEqual(at(BATCH, 'mvp'), [`future later: scale: ${message}`]);
    });

    it("the fix writes the governing stage's number: 2 in production, 3 at scale", () => {
      const fixAt = (text: string, stage: StageId) =>
        evaluateFindings(analyze(text), builtinRuleCatalog(), {
          stageForConcern: () => stage,
          nextStage: stageAfter(stage),
          filePath: '/x.yaml',
          today: '2025-01-01',
        }).find((staged) => staged.rule.id === id)!.finding;
      assert.match(
        assertFixWorks(analyze, MINIMAL, fixAt(MINIMAL, 'production'), { changes: ['0/spec/replicas'] }),
        /\nspec:\n {2}replicas: 2\n {2}selector:\n/,
      );
      assert.match(
        assertFixWorks(analyze, MINIMAL, fixAt(MINIMAL, 'scale'), { changes: ['0/spec/replicas'] }),
        /\nspec:\n {2}replicas: 3\n {2}selector:\n/,
      );
      const set = deployment({ spec: ['replicas: 1  # one is enough for now'] });
      assert.match(
        assertFixWorks(analyze, set, fixAt(set, 'scale'), { changes: ['0/spec/replicas'] }),
        /replicas: 3 {2}# one is enough for now\n/,
      );
    });

    it('an HPA in the same file governs the count through minReplicas', () => {
      const hpa = (min: string) =>
        `${deployment()}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n${min}  maxReplicas: 10\n`;
      assert.deepEqual(findingsOf(hpa('  minReplicas: 3\n'), id), []);
      const low = only(hpa('  minReplicas: 2\n'), id);
      assert.match(low.message ?? '', /HorizontalPodAutoscaler "api" lets Deployment "api" scale down to 2 replicas/);
      assert.deepEqual(
        low.steps?.map((step) => step.from),
        ['scale'],
      );
      const fixed = assertFixWorks(analyze, hpa('  minReplicas: 2\n'), low, { changes: ['1/spec/minReplicas'] });
      assert.match(fixed, /minReplicas: 3\n/);
      assert.equal(only(hpa(''), id).range.start.line, 23); // the HPA's `spec:`: minReplicas defaults to 1
    });

    it('is quiet for DaemonSets, Jobs, scale-to-zero, templated counts and three replicas', () => {
      for (const replicas of ['replicas: 0', 'replicas: ${REPLICAS}', 'replicas: 3']) {
        assert.deepEqual(findingsOf(deployment({ spec: [replicas] }), id), []);
      }
      const ds = deployment().replace('kind: Deployment', 'kind: DaemonSet');
      assert.deepEqual(findingsOf(ds, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });

    it('offers no fix for a threshold above the HPA maximum', () => {
      const text = `${deployment()}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: api\n  minReplicas: 1\n  maxReplicas: 2\n`;
      assert.deepEqual(
        only(text, id).steps?.map((step) => `${step.from}: ${step.fix?.title ?? 'no fix'}`),
        ['production: Set minReplicas: 2', 'scale: no fix'],
      );
    });
  });

  describe('k8s/pod-disruption-budget', () => {
    const id = 'k8s/pod-disruption-budget';
    const pdb = (namespace: string, selector: string) =>
      `---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\n  namespace: ${namespace}\nspec:\n  maxUnavailable: 1\n  selector:\n${selector}`;
    it('flags a multi-replica workload that no PDB in the file selects, on its kind', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['20:6']);
      const elsewhere = deployment({ spec: ['replicas: 3'] }) + pdb('other', '    matchLabels:\n      app: api\n');
      assert.equal(findingsOf(elsewhere, id).length, 1);
      const otherPods = deployment({ spec: ['replicas: 3'] }) + pdb('shop', '    matchLabels:\n      app: web\n');
      assert.match(only(otherPods, id).message ?? '', /in this file/);
    });
    it('is quiet for single replicas and when a PDB in the file selects the pods (labels or expressions)', () => {
      assert.deepEqual(findingsOf(MINIMAL, id), []);
      assert.deepEqual(findingsOf(HARDENED, id), []);
      const byExpression =
        deployment({ spec: ['replicas: 3'] }) +
        pdb('shop', '    matchExpressions:\n      - key: app\n        operator: In\n        values: [api, web]\n');
      assert.deepEqual(findingsOf(byExpression, id), []);
    });
    it('fix appends a PodDisruptionBudget built from the selector', () => {
      const text = deployment({ spec: ['replicas: 3'] })
        .replace('      app: api\n  template', '      app: api\n      tier: "true"\n  template')
        .replace('        app: api\n', '        app: api\n        tier: "true"\n');
      const fixed = assertFixWorks(analyze, text, only(text, id), { changes: [], addsDocuments: 1 });
      const added = documentsOf(fixed)[1] as any;
      assert.deepEqual(added, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'api-pdb', namespace: 'shop' },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'api', tier: 'true' } } },
      });
      assert.ok(fixed.startsWith(text), 'the original text is kept as is');
    });
    it('offers no fix without matchLabels to copy', () => {
      const text = deployment({ spec: ['replicas: 3'] }).replace(
        '    matchLabels:\n      app: api\n',
        '    matchExpressions:\n      - {key: app, operator: In, values: [api]}\n',
      );
      assert.equal(only(text, id).fix, undefined);
    });
  });

  describe('k8s/run-as-non-root', () => {
    const id = 'k8s/run-as-non-root';
    it('flags containers nothing keeps from running as root', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['18:16']);
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['15:20', '40:23', '42:16']);
    });
    it('accepts runAsNonRoot or a non-zero runAsUser, on the pod or the container (container wins)', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      assert.deepEqual(findingsOf(deployment({ pod: ['securityContext:', '  runAsUser: 10001'] }), id), []);
      assert.deepEqual(findingsOf(deployment({ container: ['securityContext:', '  runAsNonRoot: true'] }), id), []);
      const overridden = deployment({
        pod: ['securityContext:', '  runAsNonRoot: true'],
        container: ['securityContext:', '  runAsNonRoot: false'],
      });
      assert.deepEqual(positionsOf(findingsOf(overridden, id), id), ['21:26']);
    });
    it('fix sets runAsNonRoot on the pod, once for all containers', () => {
      const text = deployment({ container: [] }).replace(
        '          image: ghcr.io/acme/api:1.0.0\n',
        '          image: ghcr.io/acme/api:1.0.0\n        - name: sidecar\n          image: envoyproxy/envoy:v1.31.0\n',
      );
      const [first, second] = findingsOf(text, id);
      assert.deepEqual(first.fix?.edits, second.fix?.edits);
      const fixed = assertFixWorks(analyze, text, first, { changes: ['0/spec/template/spec/securityContext'] });
      assert.deepEqual(findingsOf(fixed, id), []);
    });
    it('fix flips an explicit false where it is written', () => {
      const text = deployment({ pod: ['securityContext:', '  runAsNonRoot: false  # legacy image'] });
      assert.match(
        assertFixWorks(analyze, text, only(text, id), { changes: ['0/spec/template/spec/securityContext/runAsNonRoot'] }),
        /runAsNonRoot: true {2}# legacy image/,
      );
    });
    it('has no fix for runAsUser: 0, and fixes siblings per container then', () => {
      const finding = findingsOf(BATCH, id).find((f) => /init-perms/.test(f.message ?? ''));
      assert.equal(finding?.fix, undefined);
      const rabbit = findingsOf(BATCH, id).find((f) => /rabbitmq/.test(f.message ?? ''))!;
      assertFixWorks(analyze, BATCH, rabbit, { changes: ['1/spec/template/spec/containers/0/securityContext/runAsNonRoot'] });
    });
  });

  describe('k8s/privileged-container and k8s/privilege-escalation', () => {
    it('privileged-container flags privileged: true and its fix writes the boolean false', () => {
      const finding = only(BATCH, 'k8s/privileged-container');
      assert.equal(finding.range.start.line, 44);
      const fixed = assertFixWorks(analyze, BATCH, finding, { changes: ['1/spec/template/spec/containers/0/securityContext/privileged'] });
      assert.equal((documentsOf(fixed)[1] as any).spec.template.spec.containers[0].securityContext.privileged, false);
    });
    it('privilege-escalation flags a missing or true setting, skipping privileged containers', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, 'k8s/privilege-escalation'), ['15:20', '39:10']);
      const explicit = deployment({ container: ['securityContext:', '  allowPrivilegeEscalation: true'] });
      assert.deepEqual(positionsOf(findingsOf(explicit, 'k8s/privilege-escalation'), 'k8s/privilege-escalation'), ['19:38']);
      assert.deepEqual(findingsOf(HARDENED, 'k8s/privilege-escalation'), []);
    });
    it('privilege-escalation fix inserts into an existing securityContext or creates one', () => {
      const existing = deployment({ container: ['securityContext:', '  capabilities:', '    drop: ["ALL"]', '  runAsUser: 1000'] });
      const fixed = assertFixWorks(analyze, existing, only(existing, 'k8s/privilege-escalation'), {
        changes: ['0/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation'],
      });
      assert.match(fixed, /runAsUser: 1000\n {12}allowPrivilegeEscalation: false\n/);
      const none = deployment();
      assertFixWorks(analyze, none, only(none, 'k8s/privilege-escalation'), {
        changes: ['0/spec/template/spec/containers/0/securityContext'],
      });
    });
  });

  describe('k8s/read-only-root-filesystem', () => {
    const id = 'k8s/read-only-root-filesystem';
    it('flags writable root filesystems, init containers included', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['15:20', '39:10', '44:10']);
      assert.deepEqual(findingsOf(HARDENED, id), []);
    });
    it('fix sets readOnlyRootFilesystem: true (a boolean)', () => {
      const text = deployment({ container: ['securityContext:', '  readOnlyRootFilesystem: false'] });
      const fixed = assertFixWorks(analyze, text, only(text, id), {
        changes: ['0/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem'],
      });
      assert.equal((documentsOf(fixed)[0] as any).spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem, true);
    });
    it('its fix and the escalation fix both create securityContext: they overlap instead of writing it twice', () => {
      const text = deployment();
      const a = only(text, id).fix!.edits[0];
      const b = only(text, 'k8s/privilege-escalation').fix!.edits[0];
      assert.deepEqual(a.range, b.range);
      assert.notEqual(a.newText, b.newText);
    });
  });

  describe('k8s/horizontal-pod-autoscaler', () => {
    const id = 'k8s/horizontal-pod-autoscaler';
    it('flags replicated workloads no autoscaler in the file targets, saying so', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['3:6']);
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['20:6']); // not the CronJob
      assert.match(findingsOf(MINIMAL, id)[0].message ?? '', /in this file/);
    });
    it('accepts an HPA or a KEDA ScaledObject targeting it', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      const keda = `${deployment()}---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  scaleTargetRef:\n    name: api\n`;
      assert.deepEqual(findingsOf(keda, id), []);
    });
  });

  describe('k8s/pod-anti-affinity', () => {
    const id = 'k8s/pod-anti-affinity';
    it('flags multi-replica workloads without spreading, on the pod spec', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['34:4']);
      assert.deepEqual(findingsOf(MINIMAL, id), []); // one replica: nothing to spread
    });
    it('accepts topology spread constraints or pod anti-affinity', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      const anti = deployment({
        spec: ['replicas: 3'],
        pod: ['affinity:', '  podAntiAffinity:', '    preferredDuringSchedulingIgnoredDuringExecution: []'],
      });
      assert.deepEqual(findingsOf(anti, id), []);
    });
  });

  describe('k8s/network-policy', () => {
    const id = 'k8s/network-policy';
    it('flags a file with workloads and no NetworkPolicy once, on the first workload', () => {
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['3:6']);
      assert.match(findingsOf(BATCH, id)[0].message ?? '', /2 workloads/);
    });
    it('is quiet with a NetworkPolicy in the file, or without workloads', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      assert.deepEqual(findingsOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n', id), []);
    });
  });

  describe('k8s/default-namespace', () => {
    const id = 'k8s/default-namespace';
    it('flags workloads without a namespace (on metadata) or in `default` (on the value)', () => {
      assert.deepEqual(positionsOf(analyze(MINIMAL).findings, id), ['4:0']);
      assert.deepEqual(positionsOf(analyze(BATCH).findings, id), ['6:13', '23:13']);
    });
    it('is quiet for other namespaces and for non-workload objects', () => {
      assert.deepEqual(findingsOf(HARDENED, id), []);
      assert.equal(findingsOf(MINIMAL, id).length, 1); // the Service in the same file is not flagged
    });
  });
});
