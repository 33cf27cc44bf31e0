import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { builtinDataDir } from '../../../../src/cli/sourceShippedData';
import { builtinMatrix } from '../../../../src/core/matrix/builtinMatrix';
import { rulesFromText } from '../../../../src/core/rules/engine/ruleCatalog';
import { kubernetesAnalyzer } from '../../../../src/core/rules/kubernetes';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import { KUBERNETES_RULES as KUBERNETES_DETECTORS } from '../../../../src/core/rules/kubernetes/rules';
import type { RawFinding } from '../../../../src/core/rules/types';
import { NO_WORKSPACE_FACTS } from '../../../../src/core/rules/types';
import { PositionMapper } from '../../../../src/core/text';
import { assertFixAllSettles, assertFixWorks, assertRangesInside, fixture } from '../compose/fixChecks';

const analyze = (text: string) => analyzeKubernetes(text, { rethrow: true });
const MINIMAL = fixture('kubernetes', 'web-minimal.yaml');
const HARDENED = fixture('kubernetes', 'web-hardened.yaml');
const BATCH = fixture('kubernetes', 'batch-and-stateful.yaml');
const NODE_AGENT = fixture('kubernetes', 'host-namespaces/bad-node-agent.yaml');
const RBAC = fixture('kubernetes', 'rbac-wildcard/bad-broad.yaml');
const LEGACY = fixture('kubernetes', 'deprecated-api/bad-legacy-apis.yaml');
const QUICKSTART = fixture('kubernetes', 'stateful-empty-dir/bad-shop-quickstart.yaml');
const DANGLING = [
  'dangling-service/bad-renamed-app.yaml',
  'dangling-autoscaler/bad-wrong-name.yaml',
  'dangling-disruption-budget/bad-stale-label.yaml',
].map((name) => fixture('kubernetes', name));

function catalog() {
  const problems: string[] = [];
  const concerns = new Set(builtinMatrix().concerns.map((c) => c.id));
  const rules = rulesFromText(
    readFileSync(join(builtinDataDir(), 'rules', 'kubernetes.yml'), 'utf8'),
    'kubernetes',
    'kubernetes.yml',
    concerns,
    problems,
  );
  assert.deepEqual(problems, []);
  return rules;
}

/** Index of the `---` document holding an offset (documents are separated by lines that are exactly `---`). */
function documentIndexAt(text: string, line: number): number {
  return text
    .split(/\r?\n/)
    .slice(0, line)
    .filter((l) => l === '---').length;
}

/** What one finding's fix may change: its own document's spec, or a new appended document for a PDB. */
function expectedChanges(text: string, finding: RawFinding) {
  if (finding.ruleId === 'k8s/pod-disruption-budget') return { changes: [], addsDocuments: 1 };
  const edit = finding.fix!.edits[0];
  const line = new PositionMapper(text).position(new PositionMapper(text).offset(edit.range.end)).line;
  return { changes: [`${documentIndexAt(text, line)}/spec`] };
}

describe('kubernetes analyzer', () => {
  it('declares exactly the rules it detects, valid against the catalog schema', () => {
    assert.deepEqual(
      KUBERNETES_DETECTORS.map((d) => d.ruleId).sort(),
      catalog()
        .map((r) => r.id)
        .sort(),
    );
  });

  it('every rule fires on the minimal, batch, node-agent, RBAC, legacy-API, quickstart and dangling-reference fixtures, none on the hardened one', () => {
    const fired = new Set(
      [
        ...analyze(MINIMAL).findings,
        ...analyze(BATCH).findings,
        ...analyze(NODE_AGENT).findings,
        ...analyze(RBAC).findings,
        ...analyze(LEGACY).findings,
        ...analyze(QUICKSTART).findings,
        ...DANGLING.flatMap((text) => analyze(text).findings),
      ].map((f) => f.ruleId),
    );
    assert.deepEqual(
      [...fired].sort(),
      catalog()
        .map((r) => r.id)
        .sort(),
    );
    assert.deepEqual(
      analyze(HARDENED).findings.map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });

  it('the why of memory-limit says CPU limits are not demanded', () => {
    assert.match(catalog().find((r) => r.id === 'k8s/memory-limit')!.why, /CPU limits are deliberately not asked/);
  });

  it('anchors kind, namespace, replicas, image, resources, probes and securityContext', () => {
    const lines = HARDENED.split('\n');
    const anchored = analyze(HARDENED).anchors.map((a) => lines[a.range.start.line].slice(a.range.start.character, a.range.end.character));
    for (const key of ['Deployment', 'namespace', 'replicas', 'securityContext', 'image', 'readinessProbe', 'livenessProbe', 'resources']) {
      assert.ok(anchored.includes(key), `no anchor on ${key}: ${anchored.join(', ')}`);
    }
    assert.ok(!anchored.includes('HorizontalPodAutoscaler'), 'only workloads are anchored');
  });

  it('skips a document with YAML errors and still analyses the others', () => {
    const text = `${MINIMAL}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "broken}\n`;
    const result = analyze(text);
    assert.ok(result.parseProblems.length > 0);
    assert.ok(result.findings.some((f) => f.ruleId === 'k8s/image-tag'));
  });

  it('is quiet on YAML that is not a Kubernetes object', () => {
    for (const text of [
      '',
      'kind: Deployment\n',
      'apiVersion: v1\n',
      '- a\n',
      'services:\n  web:\n    image: nginx\n',
      'apiVersion: apps/v1\nkind: Deployment\nspec: 3\n',
    ]) {
      assert.deepEqual(analyze(text).findings, [], JSON.stringify(text));
    }
  });

  it('contains a failing detector: a problem naming its rule, and the other rules still report', () => {
    const broken = {
      ruleId: 'k8s/broken',
      detect: () => {
        throw new Error('boom');
      },
    };
    const result = analyzeKubernetes(MINIMAL, { detectors: [broken, ...KUBERNETES_DETECTORS] });
    assert.equal(result.parseProblems.length, 1);
    assert.match(result.parseProblems[0].message, /k8s\/broken failed on this file.*boom/);
    assert.ok(result.findings.some((f) => f.ruleId === 'k8s/image-tag'));
    assert.deepEqual(
      [...(kubernetesAnalyzer.ruleIds ?? [])].sort(),
      catalog()
        .map((r) => r.id)
        .sort(),
    );
  });

  it('the KindAnalyzer adds inline suppressions', () => {
    const text = MINIMAL.replace(
      '          image: ghcr.io',
      '          # stage-guide: ignore k8s/image-tag -- promoted by Argo CD\n          image: ghcr.io',
    );
    const analysis = kubernetesAnalyzer.analyze(text, NO_WORKSPACE_FACTS);
    assert.equal(analysis.kind, 'kubernetes');
    const imageFinding = analysis.findings.find((f) => f.ruleId === 'k8s/image-tag')!;
    assert.ok(analysis.suppressions.byLine.get(imageFinding.range.start.line)?.has('k8s/image-tag'));
  });

  it('every fix of the fixtures works on its own', () => {
    let count = 0;
    for (const text of [MINIMAL, BATCH]) {
      for (const finding of analyze(text).findings.filter((f) => f.fix)) {
        assertFixWorks(analyze, text, finding, expectedChanges(text, finding));
        count++;
      }
    }
    assert.ok(count >= 20, `only ${count} fixes`);
  });

  it('fix-all settles: valid YAML, nothing fixable left, and a second run changes nothing', () => {
    for (const text of [MINIMAL, BATCH, HARDENED, BATCH.replace(/\n/g, '\r\n'), MINIMAL.replace(/\n {2}/g, '\n    ')])
      assertFixAllSettles(analyze, text);
  });

  describe('properties', function () {
    // Property runs are CPU-bound: give a loaded 2-core CI machine room, as the other property suites do.
    this.timeout(180_000);
    const keys = [
      'apiVersion',
      'kind',
      'metadata',
      'name',
      'namespace',
      'spec',
      'replicas',
      'template',
      'containers',
      'image',
      'resources',
      'requests',
      'limits',
      'securityContext',
      'runAsNonRoot',
      'privileged',
      'readinessProbe',
      'selector',
      'matchLabels',
      'scaleTargetRef',
      'minReplicas',
    ];
    const scalars = [
      'apps/v1',
      'Deployment',
      'StatefulSet',
      'CronJob',
      'Pod',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'web',
      'nginx',
      'true',
      '3',
      '0',
      '',
      '---',
      '{}',
      '[]',
      '*a',
      '&a',
      '"',
    ];
    const manifestLike = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.constantFrom(...keys), fc.constantFrom(...scalars)), {
        maxLength: 40,
      })
      .map((lines) =>
        lines
          .map(([depth, dash, key, value]) => (value === '---' ? '---' : `${'  '.repeat(depth)}${dash ? '- ' : ''}${key}: ${value}`))
          .join('\n'),
      );

    it('random manifest-like and mutated files never throw, and every range lies inside the document', () => {
      const mutate = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.string({ maxLength: 6 })).map(([at, remove, insert]) => (text: string) => {
        const index = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, index) + insert + text.slice(index + remove);
      });
      const texts = fc.oneof(
        manifestLike,
        fc.string({ maxLength: 200 }),
        fc
          .tuple(fc.constantFrom(MINIMAL, HARDENED, BATCH), fc.array(mutate, { maxLength: 4 }))
          .map(([base, ms]) => ms.reduce((t, m) => m(t), base)),
      );
      fc.assert(
        fc.property(texts, (text) => {
          const result = analyzeKubernetes(text, { rethrow: true });
          assertRangesInside(text, [
            ...result.findings.map((f) => f.range),
            ...result.findings.flatMap((f) => f.fix?.edits.map((e) => e.range) ?? []),
            ...result.anchors.map((a) => a.range),
            ...result.parseProblems.map((p) => p.range),
          ]);
        }),
        { numRuns: 400 },
      );
    });

    /** Valid manifests: random workloads (and sometimes an HPA, a PDB, a NetworkPolicy) written by the yaml library. */
    const container = fc.record(
      {
        image: fc.constantFrom('nginx', 'nginx:latest', 'ghcr.io/acme/api:1.2', 'redis@sha256:' + 'c'.repeat(64)),
        ports: fc.constantFrom([{ name: 'http', containerPort: 8080 }], [{ containerPort: 9090 }]),
        resources: fc.constantFrom(
          {},
          { requests: { cpu: '100m' } },
          { limits: { memory: '1Gi' } },
          { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } },
        ),
        securityContext: fc.constantFrom(
          {},
          { privileged: true },
          { allowPrivilegeEscalation: true },
          { runAsUser: 0 },
          { runAsNonRoot: false, readOnlyRootFilesystem: false },
        ),
        readinessProbe: fc.constant({ tcpSocket: { port: 8080 } }),
        livenessProbe: fc.constant({ tcpSocket: { port: 8080 } }),
      },
      { requiredKeys: ['image'] },
    );
    const workload = fc
      .record({
        kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'),
        replicas: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        namespace: fc.option(fc.constantFrom('default', 'shop'), { nil: undefined }),
        podSecurity: fc.constantFrom(undefined, {}, { runAsNonRoot: true }, { runAsUser: 1000 }),
        containers: fc.array(container, { minLength: 1, maxLength: 2 }),
        initContainers: fc.array(container, { maxLength: 1 }),
      })
      .map(({ kind, replicas, namespace, podSecurity, containers, initContainers }, index = 0) => {
        const name = `app${index}`;
        const podSpec: Record<string, unknown> = {
          ...(podSecurity ? { securityContext: podSecurity } : {}),
          ...(initContainers.length ? { initContainers: initContainers.map((c, i) => ({ name: `init${i}`, ...c })) } : {}),
          containers: containers.map((c, i) => ({ name: `c${i}`, ...c })),
        };
        const template = { metadata: { labels: { app: name } }, spec: podSpec };
        const metadata = { name, ...(namespace ? { namespace } : {}) };
        if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { ...metadata, labels: { app: name } }, spec: podSpec };
        if (kind === 'CronJob')
          return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '@daily', jobTemplate: { spec: { template } } } };
        if (kind === 'Job') return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
        return {
          apiVersion: 'apps/v1',
          kind,
          metadata,
          spec: { ...(replicas !== undefined ? { replicas } : {}), selector: { matchLabels: { app: name } }, template },
        };
      });
    const extras = fc.subarray([
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'app0' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'app0' }, minReplicas: 2, maxReplicas: 5 },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'app0' },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'app0' } } },
      },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {} } },
    ]);
    const manifestFile = fc
      .tuple(fc.array(workload, { minLength: 1, maxLength: 2 }), extras, fc.constantFrom(2, 4))
      .map(([workloads, more, indent]) => {
        const named = workloads.map((w, i) => JSON.parse(JSON.stringify(w).replace(/"app0"/g, `"app${i}"`)) as unknown);
        return [...named, ...more].map((doc) => stringify(doc, { indent })).join('---\n');
      });

    it('on valid random manifests every fix keeps the file valid and removes its finding, and fix-all settles', () => {
      fc.assert(
        fc.property(manifestFile, (text) => {
          for (const finding of analyze(text).findings.filter((f) => f.fix))
            assertFixWorks(analyze, text, finding, expectedChanges(text, finding));
          assertFixAllSettles(analyze, text);
        }),
        { numRuns: 30 },
      );
    });
  });
});
