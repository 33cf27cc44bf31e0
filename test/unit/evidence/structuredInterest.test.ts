import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import type { Condition } from '../../../src/core/evidence/catalog/types';
import type { CoreFileSystem } from '../../../src/core/fileSystem';
import type { TreeValue } from '../../../src/core/evidence/parsers/locatedTree';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import { conditionNeedsValue, evaluateConditions } from '../../../src/core/evidence/signals/conditions';
import { workloads } from '../../../src/core/evidence/signals/derived/workloads';
import { evaluateSignals } from '../../../src/core/evidence/signals/evaluateSignals';
import type { StructuredInterest } from '../../../src/core/evidence/signals/structuredInterest';
import { ROOT } from './support/scan';
import { TreeFileSystem, tree } from './support/treeFileSystem';
import { parsedTexts } from './support/parsedTexts';
import { fixtureFolders } from './support/fixtureFolders';

/** What the scan did before it kept only wanted documents: every document, every file parsed. */
const KEEP_ALL: StructuredInterest = {
  keptDocument: (_relative, _basename, root) => root,
  mayWantFile: () => true,
  keptResource: (_apiVersion, _kind, root) => root,
  mayReadCrdSchema: () => true,
};

let marks = 0;

/**
 * A service with a file for every structured matcher of data/signals.yml and every derivation that reads
 * documents, among data YAML. Each call marks the data files as texts no scan saw before: scans share the parses
 * of texts they saw (scan/sharedParses.ts), which would skew a count of parses.
 */
function workspace(): Record<string, string> {
  const MARK = `# structuredInterest.test ${process.pid} ${Date.now()} ${marks++}\n`;
  return {
    'slo.yaml': 'version: prometheus/v1\nservice: api\nslos:\n  - name: availability\n    objective: 99.9\n',
    'monitoring/rules.yaml':
      'groups:\n  - name: api\n    rules:\n      - alert: Slow\n        expr: histogram_quantile(0.99, rate(x[5m])) > 1\n        annotations:\n          runbook_url: https://runbooks.example.com/slow\n      - record: trend\n        expr: predict_linear(x[1h], 3600)\n',
    'compose.yaml':
      'services:\n  db:\n    image: postgres:16\n    command: postgres -c shared_preload_libraries=pg_stat_statements\n  app:\n    build: .\n    env_file: .env\n    deploy:\n      replicas: 2\n',
    'render.yaml': 'services:\n  - type: web\n    name: api\n    healthCheckPath: /healthz\n',
    'app.yaml': 'runtime: python312\n',
    'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n',
    'envoy.yaml':
      'static_resources:\n  listeners:\n    - name: l\n  clusters:\n    - name: c\n      circuit_breakers:\n        thresholds: [{max_connections: 100}]\n',
    'kong.yaml': 'plugins:\n  - name: rate-limiting\n',
    'prometheus.yml': 'scrape_configs:\n  - job_name: api\n',
    'otel-collector.yaml': 'service:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n    logs:\n      receivers: [otlp]\n',
    'serverless.yml': 'functions:\n  nightly:\n    events:\n      - schedule: rate(1 day)\n      - http: GET /\n',
    'api/openapi.yaml': 'openapi: 3.0.3\ninfo: {title: api, version: "1"}\nservers:\n  - url: https://api.example.com/v1\npaths: {}\n',
    'api/legacy.yml': 'swagger: "2.0"\nbasePath: /v2\n',
    'api/events.yaml': 'asyncapi: 2.6.0\n',
    // A list at the top whose items hold keys a matcher reads (version, slos): parsed and kept, however it is laid out.
    'slo/objectives.yaml': '- version: prometheus/v1\n  service: checkout\n  slos:\n    - name: latency\n      objective: 99\n',
    'deploy/kustomization.yaml': 'commonAnnotations:\n  linkerd.io/inject: enabled\nresources: [deployment.yaml]\n',
    'fly.toml': '[http_service]\nforce_https = true\nmin_machines_running = 2\n',
    'pyproject.toml': '[project]\nname = "api"\n[tool.importlinter]\nroot_package = "api"\n',
    'rabbit-definitions.json': '{"queues": [{"name": "q", "arguments": {"x-dead-letter-exchange": "dlx"}}]}\n',
    '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n      - id: ruff\n',
    '.github/workflows/lint.yml':
      'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pre-commit run --all-files\n',
    // Data: read by nothing, so dropped (and, when the sniff can tell, never parsed).
    'test/fixtures/order.yaml': `${MARK}records:\n  - id: 1\n    quantity: 2\n`,
    'locales/en.yml': `${MARK}en:\n  greeting: Hello\n`,
    'config/settings.yaml': `${MARK}server:\n  port: 8080\nversion_label: blue\n`,
    'test/fixtures/list.yaml': `${MARK}- id: 1\n- id: 2\n`,
    // A kustomize JSON6902 patch: a list at the top whose items' keys no matcher reads.
    'deploy/k8s/overlays/prod/resources-patch.yaml': `${MARK}- op: replace\n  path: /spec/template/spec/containers/0/resources/limits/memory\n  value: 512Mi\n- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value:\n    name: ENVIRONMENT\n    value: prod\n`,
    'test/fixtures/broken.yaml': `${MARK}a: 1\n  b: [\n`,
    ...KUBERNETES,
  };
}

/**
 * Kubernetes resources whose bodies something reads (a workload, its autoscaler and disruption budget, a
 * DestinationRule a matcher's conditions look into) beside ones nothing reads past their identity: a
 * CustomResourceDefinition's schema, a ConfigMap, an RBAC role, and a kind a matcher names without conditions.
 */
const KUBERNETES: Record<string, string> = {
  'deploy/k8s/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.4.2\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}\n          livenessProbe: {httpGet: {path: /live, port: 8080}}\n',
  'deploy/k8s/hpa.yaml':
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 2\n  maxReplicas: 10\n',
  'deploy/k8s/pdb.yaml':
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: api}\n',
  'deploy/k8s/destination-rule.yaml':
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: api\nspec:\n  host: api\n  trafficPolicy:\n    outlierDetection: {consecutive5xxErrors: 5}\n',
  'deploy/k8s/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-settings\ndata:\n  LOG_LEVEL: info\n',
  'deploy/k8s/role.yaml':
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get, list]\n',
  'deploy/k8s/slo.yaml': 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: api\nspec:\n  service: api\n',
  'deploy/crds/widgets.yaml':
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          description: A widget, documented field by field.\n          properties:\n            spec: {type: object, properties: {size: {type: integer}}}\n',
};

const DATA_FILES = [
  'test/fixtures/order.yaml',
  'locales/en.yml',
  'config/settings.yaml',
  'test/fixtures/list.yaml',
  'deploy/k8s/overlays/prod/resources-patch.yaml',
  'test/fixtures/broken.yaml',
];

async function signalsBothWays(fs: CoreFileSystem, root: string) {
  const catalog = builtinSignalCatalog();
  const kept = await collectFacts({ fs, root, workspaceRoot: root, catalog });
  const all = await collectFacts({ fs, root, workspaceRoot: root, catalog, structuredInterest: KEEP_ALL });
  return {
    kept,
    all,
    keptSignals: [...(await evaluateSignals(catalog, kept.facts)).values()],
    allSignals: [...(await evaluateSignals(catalog, all.facts)).values()],
  };
}

describe('evidence: a scan keeps only the structured documents something reads', () => {
  it('observes every signal it observed when it kept every document', async () => {
    const fs = new TreeFileSystem(tree(ROOT, workspace()));
    const { keptSignals, allSignals } = await signalsBothWays(fs, ROOT);
    assert.deepEqual(keptSignals, allSignals);
    // The workspace exercises the matchers: without their documents these signals would not hold.
    const held = new Set(keptSignals.filter((result) => result.observed).map((result) => result.id));
    for (const id of [
      'slo.defined',
      'alerts.latency-percentile',
      'db.slow-query-visibility',
      'mesh.enrolled',
      'api.spec-file',
      'api.versioned',
      'ci.lint',
    ])
      assert.ok(held.has(id), `${id} not observed: ${[...held].join(', ')}`);
  });

  it("keeps of a document what its readers read: an OpenAPI spec's paths, not their operations", async () => {
    const operations = Array.from(
      { length: 40 },
      (_, i) => `  /v1/orders/${i}:\n    get:\n      summary: order ${i}\n      responses:\n        '200': {description: ok}\n`,
    ).join('');
    const files = {
      'api/openapi.yaml': `openapi: 3.0.3\ninfo:\n  title: orders\n  version: "1"\npaths:\n${operations}  /healthz:\n    get: {responses: {'200': {description: ok}}}\ncomponents:\n  schemas:\n    Order: {type: object}\n`,
      'api/legacy.yaml': `swagger: "2.0"\nbasePath: /api\npaths:\n  /orders:\n    get: {responses: {'200': {description: ok}}}\n`,
      'slo.yaml': 'version: prometheus/v1\nservice: api\nlabels: {team: orders}\nslos:\n  - name: availability\n    objective: 99.9\n',
    };
    const fs = new TreeFileSystem(tree(ROOT, files));
    const { kept, all, keptSignals, allSignals } = await signalsBothWays(fs, ROOT);
    assert.deepEqual(keptSignals, allSignals);
    const versioned = keptSignals.find((result) => result.id === 'api.versioned');
    // The spec's paths are all under /v1 (a probe's path aside); the legacy one's are not: read from the kept paths.
    assert.deepEqual(
      [versioned?.evidence.map((item) => item.path), versioned?.counterEvidence.map((item) => item.path)],
      [[`${ROOT}/api/openapi.yaml`], [`${ROOT}/api/legacy.yaml`]],
    );
    const documentOf = (facts: typeof kept.facts, relative: string) =>
      facts.structured.find((document) => document.relative === relative)?.root;
    const spec = documentOf(kept.facts, 'api/openapi.yaml');
    assert.ok(spec?.kind === 'map');
    assert.deepEqual(
      spec.entries.map((entry) => entry.key),
      ['openapi', 'paths'],
    );
    const paths = spec.entries[1].value;
    assert.ok(paths.kind === 'map');
    assert.equal(paths.entries.length, 41);
    assert.deepEqual(paths.entries[0].value, { kind: 'scalar', value: null, line: paths.entries[0].keyLine + 1 });
    // Read whole, the spec is several times that (and a real one, its schemas and examples, far more).
    const whole = documentOf(all.facts, 'api/openapi.yaml');
    assert.ok(JSON.stringify(whole).length > 4 * JSON.stringify(spec).length);
    // A document only a catalogue matcher reads keeps the top-level keys its conditions start with.
    const slo = documentOf(kept.facts, 'slo.yaml');
    assert.ok(slo?.kind === 'map');
    const sloKeys = slo.entries.map((entry) => entry.key);
    assert.ok(sloKeys.includes('slos') && !sloKeys.includes('labels'), sloKeys.join(', '));
  });

  it('observes the same signals in every fixture workspace either way', async () => {
    const folders = fixtureFolders();
    assert.ok(folders.length > 20, folders.join('\n'));
    for (const folder of folders) {
      const root = toCorePath(folder);
      const { keptSignals, allSignals } = await signalsBothWays(nodeFileSystem, root);
      assert.deepEqual(keptSignals, allSignals, folder);
    }
  });

  it('drops the documents of data files, and leaves the ones it can sniff unparsed', async () => {
    const files = workspace();
    const fs = new TreeFileSystem(tree(ROOT, files));
    let kept: string[] = [];
    let all: string[] = [];
    const texts = await parsedTexts(async () => {
      const result = await signalsBothWays(fs, ROOT);
      kept = result.kept.facts.structured.map((document) => document.relative);
      all = result.all.facts.structured.map((document) => document.relative);
    });
    for (const data of DATA_FILES) assert.ok(!kept.includes(data), `${data} kept`);
    assert.ok(all.includes('test/fixtures/order.yaml') && all.includes('locales/en.yml'), all.join('\n'));
    assert.ok(
      kept.includes('slo.yaml') &&
        kept.includes('slo/objectives.yaml') &&
        kept.includes('api/openapi.yaml') &&
        kept.includes('.pre-commit-config.yaml'),
      kept.join('\n'),
    );
    // Parsed once (by the scan that keeps all), never by the scan that sniffs: plain maps, and lists of maps, whose keys no matcher reads.
    for (const data of [
      'test/fixtures/order.yaml',
      'locales/en.yml',
      'config/settings.yaml',
      'test/fixtures/list.yaml',
      'deploy/k8s/overlays/prod/resources-patch.yaml',
    ])
      assert.equal(texts.filter((text) => text === files[data]).length, 1, data);
    // A broken file: the sniff cannot tell, so both scans parse it (and drop it).
    assert.equal(texts.filter((text) => text === files['test/fixtures/broken.yaml']).length, 2);
  });

  it('keeps the body of the Kubernetes resources something reads, and the identity alone of the others', async () => {
    const fs = new TreeFileSystem(tree(ROOT, workspace()));
    const { kept, all, keptSignals } = await signalsBothWays(fs, ROOT);
    const keys = (facts: typeof kept.facts) =>
      new Map(
        facts.resources.map((resource) => [
          resource.kind,
          resource.root.kind === 'map' ? resource.root.entries.map((entry) => entry.key).join(' ') : resource.root.kind,
        ]),
      );
    const keptKeys = keys(kept.facts);
    assert.deepEqual(Object.fromEntries(keptKeys), {
      Deployment: 'apiVersion kind metadata spec',
      HorizontalPodAutoscaler: 'apiVersion kind metadata spec',
      PodDisruptionBudget: 'apiVersion kind metadata spec',
      DestinationRule: 'apiVersion kind metadata spec',
      ConfigMap: 'apiVersion kind metadata',
      Role: 'apiVersion kind metadata',
      PrometheusServiceLevel: 'apiVersion kind metadata',
      CustomResourceDefinition: 'apiVersion kind metadata',
    });
    // Everything kept whole when everything is wanted, and the identity is the same either way.
    assert.equal(keys(all.facts).get('CustomResourceDefinition'), 'apiVersion kind metadata spec');
    assert.deepEqual(
      kept.facts.resources.map(({ apiVersion, kind, name, at }) => ({ apiVersion, kind, name, at })),
      all.facts.resources.map(({ apiVersion, kind, name, at }) => ({ apiVersion, kind, name, at })),
    );
    // The bodies read do their work: the workload's probes, its autoscaler and budget, the outlier detection, the SLO by kind.
    const held = new Set(keptSignals.filter((result) => result.observed).map((result) => result.id));
    for (const id of ['k8s.probes', 'scaling.autoscaler', 'k8s.pdb', 'resilience.circuit-breaker', 'slo.defined'])
      assert.ok(held.has(id), `${id} not observed: ${[...held].join(', ')}`);
  });

  it('keeps of a workload what the workload derivation reads, and the derivation finds the same workloads', async () => {
    const container = (name: string, port: number) =>
      `        - name: ${name}\n          image: registry.example.com/${name}:2.3.1\n          args: [--port=${port}, --log-format=json]\n          ports: [{containerPort: ${port}}]\n          env:\n            - name: DATABASE_URL\n              valueFrom: {secretKeyRef: {name: db, key: url}}\n            - name: LOG_LEVEL\n              value: info\n          resources:\n            requests: {cpu: 250m, memory: 256Mi}\n            limits: {memory: 512Mi}\n          readinessProbe: {httpGet: {path: /ready, port: ${port}}, periodSeconds: 5}\n          livenessProbe: {httpGet: {path: /live, port: ${port}}}\n          volumeMounts: [{name: config, mountPath: /etc/${name}}]\n`;
    const files = {
      'deploy/base/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n  labels: {app: orders}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: orders}}\n  template:\n    metadata:\n      labels: {app: orders, tier: api}\n      annotations: {prometheus.io/scrape: "true"}\n    spec:\n      serviceAccountName: orders\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n          whenUnsatisfiable: ScheduleAnyway\n      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm: {topologyKey: kubernetes.io/hostname}\n      containers:\n${container('orders', 8080)}${container('outbox', 9090)}      volumes:\n        - name: config\n          configMap: {name: orders}\n`,
      'deploy/overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 4\n',
      'deploy/base/hpa.yaml':
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: orders\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}\n  minReplicas: 3\n  maxReplicas: 12\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n',
      'deploy/base/pdb.yaml':
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: orders\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: orders}\n',
    };
    const fs = new TreeFileSystem(tree(ROOT, files));
    const { kept, all, keptSignals, allSignals } = await signalsBothWays(fs, ROOT);
    assert.deepEqual(workloads(kept.facts), workloads(all.facts));
    assert.deepEqual(keptSignals, allSignals);
    const [orders] = workloads(kept.facts);
    assert.deepEqual([...orders.containers.keys()], ['orders', 'outbox']);
    assert.ok(orders.zoneSpread && orders.disruptionBudget && orders.autoscalerMinimum?.minimum === 3 && orders.replicas === 4);
    assert.deepEqual(
      orders.containers.get('orders')!.env.map((variable) => variable.key),
      ['DATABASE_URL', 'LOG_LEVEL'],
    );
    const deployment = (facts: typeof kept.facts) =>
      JSON.stringify(facts.resources.find((resource) => resource.at.path.endsWith('base/deployment.yaml'))!.root);
    for (const unread of ['registry.example.com', 'resources', 'volumeMounts', 'args', 'valueFrom', 'volumes'])
      assert.ok(!deployment(kept.facts).includes(unread), `${unread} kept`);
    // Names, probes, labels and the annotations the catalogue reads stay; about half of this small workload goes.
    assert.ok(deployment(all.facts).length > 1.6 * deployment(kept.facts).length);
  });

  it('every derivation that reads Kubernetes resources says which bodies it reads', () => {
    const folder = join(__dirname, '..', '..', '..', 'src', 'core', 'evidence', 'signals', 'derived');
    let readers = 0;
    for (const name of readdirSync(folder)) {
      const source = readFileSync(join(folder, name), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      if (!source.includes(': Derivation = {')) continue;
      if (/facts\.resources|workloadSteps\(|workloads\(/.test(source)) {
        readers++;
        assert.match(source, /\n {2}resources: /, `${name} reads facts.resources without declaring which bodies`);
      }
    }
    assert.ok(readers > 0, 'no derivation reads facts.resources: the check checks nothing');
  });

  it('every derivation that reads facts.structured says which documents', () => {
    const folder = join(__dirname, '..', '..', '..', 'src', 'core', 'evidence', 'signals', 'derived');
    for (const name of readdirSync(folder)) {
      // Code only: comments may mention the field.
      const source = readFileSync(join(folder, name), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      if (source.includes('facts.structured'))
        assert.match(source, /\n {2}documents: \{/, `${name} reads facts.structured without declaring documents`);
    }
  });

  it('a condition that needs a value never holds on a document without its first key', () => {
    const scalar = fc.oneof(fc.constantFrom('enabled', 'p99', 'AWS::Serverless', '2', ''), fc.integer({ min: 0, max: 3 }), fc.boolean());
    const condition: fc.Arbitrary<Condition> = fc.record(
      {
        path: fc.constantFrom('a', 'a.b', 'a.*', 'x.y', '*.b'),
        exists: fc.boolean(),
        equals: scalar,
        notEquals: scalar,
        matches: fc.constantFrom('^e', '9', '.*'),
        atLeast: fc.integer({ min: 0, max: 3 }),
        minCount: fc.integer({ min: 0, max: 2 }),
      },
      { requiredKeys: ['path'] },
    );
    const leaf = fc
      .oneof(fc.constantFrom('enabled', 'p99', '', null), fc.integer({ min: 0, max: 3 }))
      .map((value): TreeValue => ({ kind: 'scalar', value, line: 0 }));
    const value: fc.Arbitrary<TreeValue> = fc.letrec<{ value: TreeValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 3 }).map((items): TreeValue => ({ kind: 'list', line: 0, items })),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'x', 'y', 'z'), tie('value')), { maxLength: 3 }).map(
          (entries): TreeValue => ({
            kind: 'map',
            line: 0,
            entries: entries.map(([key, entry]) => ({ key, keyLine: 0, value: entry })),
          }),
        ),
      ),
    })).value;
    fc.assert(
      fc.property(condition, value, (written, root) => {
        if (!conditionNeedsValue(written)) return;
        const first = written.path.split('.')[0];
        // Only documents without the first key: drop its entries everywhere at the top (lists fan out).
        const without = (node: TreeValue): TreeValue =>
          node.kind === 'list'
            ? { ...node, items: node.items.map(without) }
            : node.kind === 'map'
              ? { ...node, entries: node.entries.filter((entry) => first !== '*' && entry.key !== first) }
              : node;
        assert.equal(evaluateConditions(without(root), [written]).holds, false, JSON.stringify({ written, root: without(root) }));
      }),
      { numRuns: 2000 },
    );
  });
});
