import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { fileDigests } from '../../../src/core/deployment/digest/fileDigests';
import { judgeAnalysis } from '../../../src/core/deployment/judge/judgeAnalysis';
import { DeploymentModel } from '../../../src/core/deployment/model/deploymentModel';
import { imageRepository } from '../../../src/core/deployment/model/roleTables';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { builtinRuleCatalog } from '../../../src/core/rules/engine/ruleCatalog';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import { applyTextEdits } from '../../../src/core/text';

/** A model of in-memory files (absolute paths under /repo). */
function modelOf(files: Record<string, string>, serviceRoots: string[] = []): DeploymentModel {
  const digests = Object.entries(files).flatMap(([path, text]) => fileDigests(path, text));
  return new DeploymentModel(digests, { repositoryRoot: '/repo', serviceRoots });
}

function judged(files: Record<string, string>, path: string, serviceRoots: string[] = []) {
  const analysis = analyzeFile(path, files[path], NO_WORKSPACE_FACTS)!;
  return judgeAnalysis(path, analysis, modelOf(files, serviceRoots), builtinRuleCatalog());
}

const ids = (analysis: { findings: Array<{ ruleId: string }> }) => analysis.findings.map((finding) => finding.ruleId).sort();

describe('imageRepository', () => {
  it('drops registry, library/, tag and digest', () => {
    assert.equal(imageRepository('docker.io/library/postgres:16.4'), 'postgres');
    assert.equal(imageRepository('ghcr.io/acme/api@sha256:abc'), 'acme/api');
    assert.equal(imageRepository('localhost:5000/web:dev'), 'web');
    assert.equal(imageRepository('bitnami/redis'), 'bitnami/redis');
  });
});

describe('compose projects', () => {
  const base = 'services:\n  api:\n    image: acme/api:1.0\n';
  it('merges compose.yaml with compose.override.yaml by default: a setting in either satisfies, the overlay does not repeat', () => {
    const files = {
      '/repo/compose.yaml': base,
      '/repo/compose.override.yaml': 'services:\n  api:\n    restart: unless-stopped\n',
    };
    assert.ok(!ids(judged(files, '/repo/compose.yaml')).includes('compose/restart-policy'));
    assert.ok(ids(judged(files, '/repo/compose.yaml')).includes('compose/healthcheck'));
    assert.deepEqual(
      ids(judged(files, '/repo/compose.override.yaml')).filter((id) => id === 'compose/healthcheck'),
      [],
      'the overlay leaves the missing healthcheck to compose.yaml',
    );
    const kept = judged(files, '/repo/compose.yaml').findings.find((finding) => finding.ruleId === 'compose/healthcheck')!;
    assert.deepEqual(kept.related, [
      {
        path: '/repo/compose.override.yaml',
        line: 1,
        message: 'also defines "api" (compose.yaml and compose.override.yaml are loaded together by default)',
      },
    ]);
    assert.equal(kept.role?.role, 'service');
  });

  it('judged for an assessment (no hover notes), a file keeps the same findings and gains no notes', () => {
    const files = {
      '/repo/compose.yaml': base,
      '/repo/compose.override.yaml': 'services:\n  api:\n    restart: unless-stopped\n',
      '/repo/compose.prod.yaml':
        'x-defaults: &defaults\n  restart: always\nservices:\n  a:\n    <<: *defaults\n    image: acme/a:1\n  b:\n    <<: *defaults\n    image: acme/b:1\n',
    };
    const model = modelOf(files);
    for (const path of Object.keys(files)) {
      const analysis = analyzeFile(path, files[path as keyof typeof files], NO_WORKSPACE_FACTS)!;
      const forHovers = judgeAnalysis(path, analysis, model, builtinRuleCatalog());
      const forAssessment = judgeAnalysis(path, analysis, model, builtinRuleCatalog(), { hoverNotes: false });
      assert.deepEqual(forAssessment.findings, forHovers.findings, path);
      assert.deepEqual(forAssessment.anchors, analysis.anchors, path);
    }
    // The overlay's quietened findings (left to compose.yaml) are what the hovers note.
    const overlay = analyzeFile('/repo/compose.override.yaml', files['/repo/compose.override.yaml'], NO_WORKSPACE_FACTS)!;
    const noted = judgeAnalysis('/repo/compose.override.yaml', overlay, model, builtinRuleCatalog()).anchors.slice(overlay.anchors.length);
    assert.ok(
      noted.some((anchor) => anchor.note?.startsWith('Not reported')),
      'the hovers note what was not reported',
    );
  });

  it('follows -f chains from CI steps, and leaves unrelated files alone', () => {
    const files = {
      '/repo/compose.yaml': base,
      '/repo/compose.prod.yaml': 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "true"]\n',
      '/repo/.github/workflows/deploy.yml':
        'on: push\njobs:\n  d:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: docker compose -f compose.yaml -f compose.prod.yaml up -d\n',
    };
    assert.ok(!ids(judged(files, '/repo/compose.yaml')).includes('compose/healthcheck'));
    const withoutChain = { '/repo/compose.yaml': base, '/repo/compose.prod.yaml': files['/repo/compose.prod.yaml'] };
    assert.ok(ids(judged(withoutChain, '/repo/compose.yaml')).includes('compose/healthcheck'), 'an unused overlay satisfies nothing');
  });

  it('reads include: and extends: into the service', () => {
    const files = {
      '/repo/compose.yaml':
        'include:\n  - compose.common.yaml\nservices:\n  api:\n    extends:\n      file: compose.common.yaml\n      service: base\n    image: acme/api:1.0\n',
      '/repo/compose.common.yaml': 'services:\n  base:\n    restart: always\n    healthcheck:\n      test: ["CMD", "true"]\n',
    };
    const found = ids(judged(files, '/repo/compose.yaml'));
    assert.ok(!found.includes('compose/restart-policy') && !found.includes('compose/healthcheck'), found.join(', '));
  });
});

describe('compose files named freely', () => {
  const base = 'services:\n  api:\n    image: acme/api:1.0\n';
  it('an overlay a deploy script loads with -f deploy/prod.yml, and a base extended from common/services.yml, count', () => {
    const files = {
      '/repo/compose.yaml': base,
      '/repo/deploy/prod.yml': 'services:\n  api:\n    restart: always\n    healthcheck:\n      test: ["CMD", "true"]\n',
      '/repo/scripts/deploy.sh': '#!/bin/sh\nset -e\ndocker compose -f compose.yaml -f deploy/prod.yml up -d\n',
    };
    const found = ids(judged(files, '/repo/compose.yaml'));
    assert.ok(!found.includes('compose/healthcheck') && !found.includes('compose/restart-policy'), found.join(', '));
    assert.ok(ids(judged({ '/repo/compose.yaml': base }, '/repo/compose.yaml')).includes('compose/healthcheck'));

    const extended = {
      '/repo/compose.yaml':
        'services:\n  api:\n    extends:\n      file: common/services.yml\n      service: base\n    image: acme/api:1.0\n',
      '/repo/common/services.yml': 'services:\n  base:\n    restart: always\n    healthcheck:\n      test: ["CMD", "true"]\n',
    };
    const fromBase = ids(judged(extended, '/repo/compose.yaml'));
    assert.ok(!fromBase.includes('compose/healthcheck') && !fromBase.includes('compose/restart-policy'), fromBase.join(', '));
  });
});

describe('roles', () => {
  it('a database is not asked for replicas or an autoscaler, and the hover says why', () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: db }',
      'spec:',
      '  replicas: 1',
      '  selector: { matchLabels: { app: db } }',
      '  template:',
      '    metadata: { labels: { app: db } }',
      '    spec:',
      '      containers:',
      '        - name: db',
      '          image: postgres:16.4',
    ].join('\n');
    const result = judged({ '/repo/k8s/db.yaml': manifest }, '/repo/k8s/db.yaml');
    assert.ok(!ids(result).some((id) => id.startsWith('k8s/replicas') || id === 'k8s/horizontal-pod-autoscaler'), ids(result).join(', '));
    assert.ok(ids(result).includes('k8s/liveness-probe'));
    assert.ok(result.anchors.some((anchor) => anchor.note?.includes('image postgres:16.4 keeps state')));
  });

  it('reads test folders below the service only: a service kept under test/fixtures/ is judged as a service', () => {
    const files = { '/repo/test/fixtures/shop/compose.yaml': 'services:\n  web:\n    image: acme/web:1\n' };
    assert.ok(ids(judged(files, '/repo/test/fixtures/shop/compose.yaml', ['/repo/test/fixtures/shop'])).includes('compose/healthcheck'));
    const e2e = { '/repo/shop/e2e/compose.yaml': 'services:\n  web:\n    image: acme/web:1\n' };
    assert.ok(!ids(judged(e2e, '/repo/shop/e2e/compose.yaml', ['/repo/shop'])).includes('compose/healthcheck'));
  });

  it('a Deployment no Service selects is a worker: no readiness probe asked, a liveness probe still is', () => {
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec:\n      containers:\n        - name: ${name}\n          image: acme/${name}:1\n`;
    const files = {
      '/repo/k8s/web.yaml': deployment('web'),
      '/repo/k8s/loadgen-worker.yaml': deployment('queue-consumer'),
      '/repo/k8s/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n',
    };
    assert.ok(ids(judged(files, '/repo/k8s/web.yaml')).includes('k8s/readiness-probe'));
    const worker = judged(files, '/repo/k8s/loadgen-worker.yaml');
    assert.ok(!ids(worker).includes('k8s/readiness-probe'));
    assert.ok(ids(worker).includes('k8s/liveness-probe'));
    assert.equal(worker.findings[0].role?.role, 'worker');
  });
});

describe('cross-file satisfaction', () => {
  it("an autoscaler in another file owns the replica count: its minReplicas is judged, a KEDA ScaledObject's is not", () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  selector: { matchLabels: { app: api } }\n  template:\n    metadata: { labels: { app: api } }\n    spec:\n      containers:\n        - name: api\n          image: acme/api:1\n';
    const hpa = (min: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: api }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }\n${min}  maxReplicas: 6\n`;
    const replicas = (scaler: string) =>
      judged({ '/repo/deploy/api.yaml': deployment, '/repo/deploy/hpa.yaml': scaler }, '/repo/deploy/api.yaml').findings.find(
        (finding) => finding.ruleId === 'k8s/replicas',
      );
    assert.equal(replicas(hpa('  minReplicas: 3\n')), undefined, 'three replicas meet every stage');
    const two = replicas(hpa('  minReplicas: 2\n'))!;
    assert.deepEqual(
      two.steps?.map((step) => step.from),
      ['scale'],
    );
    assert.match(two.message ?? '', /As deployed, HorizontalPodAutoscaler "api" keeps at least 2 replicas \(hpa\.yaml:2\)\.$/);
    assert.equal(two.fix, undefined, 'the number to raise is in the autoscaler');
    const unset = replicas(hpa(''))!;
    assert.deepEqual(
      unset.steps?.map((step) => step.from),
      ['production', 'scale'],
      'an HPA without minReplicas keeps one',
    );
    const keda =
      'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: api }\nspec:\n  scaleTargetRef: { name: api }\n  minReplicaCount: 0\n';
    assert.equal(replicas(keda), undefined, 'KEDA may scale to zero on purpose');
    assert.ok(replicas('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: api }\n'), 'no autoscaler: still reported');
  });

  it('an HPA, a PodDisruptionBudget or a NetworkPolicy in another file counts only in the same namespace', () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: acme/web:1\n';
    const hpa = (namespace: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web, namespace: ${namespace} }\nspec:\n  scaleTargetRef: { kind: Deployment, name: web }\n  minReplicas: 3\n  maxReplicas: 6\n`;
    const same = judged({ '/repo/k8s/web.yaml': deployment, '/repo/k8s/hpa.yaml': hpa('shop') }, '/repo/k8s/web.yaml');
    assert.ok(!ids(same).includes('k8s/horizontal-pod-autoscaler'));
    const other = judged({ '/repo/k8s/web.yaml': deployment, '/repo/k8s/hpa.yaml': hpa('billing') }, '/repo/k8s/web.yaml');
    assert.ok(ids(other).includes('k8s/horizontal-pod-autoscaler'));
  });

  it("a kustomization's replicas: count satisfies the k8s/replicas thresholds it meets; a higher one stays, without a fix in the base", () => {
    const base =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          image: acme/web:1\n';
    const files = (count: number) => ({
      '/repo/deploy/base/deployment.yaml': base,
      '/repo/deploy/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      '/repo/deploy/overlays/production/kustomization.yaml': `resources: [../../base]\nreplicas:\n  - name: web\n    count: ${count}\n`,
    });
    const replicas = (count: number) =>
      judged(files(count), '/repo/deploy/base/deployment.yaml').findings.filter((finding) => finding.ruleId === 'k8s/replicas');
    assert.deepEqual(replicas(3), [], 'three replicas meet every threshold');
    const [two] = replicas(2);
    assert.deepEqual(
      two.steps?.map((step) => step.from),
      ['scale'],
      'two replicas meet production, not scale',
    );
    assert.equal(two.fix, undefined, 'the count to raise is in the kustomization, not in the base');
    assert.match(two.message ?? '', /At least 3 from scale on\. As deployed, the kustomization sets 2 replicas \(/);
  });

  it('an image built by a compose service whose target stage declares HEALTHCHECK satisfies compose/healthcheck; another target does not', () => {
    const dockerfile =
      'FROM node:20 AS base\nCMD ["node", "a.js"]\n\nFROM base AS production\nHEALTHCHECK CMD node health.js\n\nFROM base AS dev\nCMD ["npm", "run", "dev"]\n';
    const compose = (target: string) =>
      `services:\n  web:\n    build:\n      context: ./web\n      target: ${target}\n    restart: always\n`;
    const production = { '/repo/compose.yaml': compose('production'), '/repo/web/Dockerfile': dockerfile };
    assert.ok(!ids(judged(production, '/repo/compose.yaml')).includes('compose/healthcheck'));
    assert.ok(!ids(judged(production, '/repo/web/Dockerfile')).includes('docker/healthcheck'));
    const base = { '/repo/compose.yaml': compose('base'), '/repo/web/Dockerfile': dockerfile };
    assert.ok(ids(judged(base, '/repo/compose.yaml')).includes('compose/healthcheck'));
  });
});

describe('one finding per root cause', () => {
  describe('services that merge the same compose defaults', () => {
    const stack = [
      'x-restart-policy: &restart_policy',
      '  restart: unless-stopped',
      'x-worker-defaults: &worker_defaults',
      '  <<: *restart_policy',
      '  image: acme/worker:2.1',
      '  security_opt: [no-new-privileges:true]',
      'services:',
      '  ingest:',
      '    <<: *worker_defaults',
      '    command: ingest',
      '  billing:',
      '    <<: *worker_defaults',
      '    command: billing',
      '  cleanup:',
      '    <<: *worker_defaults',
      '    command: cleanup',
      '    mem_limit: 256m',
      '  redis:',
      '    <<: *restart_policy',
      '    image: redis:7.4',
      '  postgres:',
      '    <<: *restart_policy',
      '    image: postgres:16.4',
      '',
    ].join('\n');
    const findingsOf = (text: string) =>
      judged({ '/repo/compose.yaml': text }, '/repo/compose.yaml').findings.filter(
        (finding) => finding.ruleId === 'compose/resource-limits',
      );

    it('are reported once, at the defaults, naming the services, with the fix there', () => {
      const limits = findingsOf(stack);
      const shared = limits.find((finding) => finding.range.start.line === 2)!;
      assert.equal(
        shared.message,
        '2 services that merge "x-worker-defaults" ("ingest", "billing") have no memory limit: a leak in one can exhaust the host and take every other service down.',
      );
      assert.deepEqual(
        shared.related?.map((place) => [place.line, place.message]),
        [
          [7, 'service "ingest" merges "x-worker-defaults"'],
          [10, 'service "billing" merges "x-worker-defaults"'],
        ],
      );
      assert.ok(!limits.some((finding) => [7, 10].includes(finding.range.start.line)), 'not again at each service');
      assert.ok(!limits.some((finding) => finding.range.start.line === 13), 'cleanup sets its own limit');
      // Defaults that only share a restart policy are not one program: redis and postgres are sized each on its own.
      assert.deepEqual(
        limits.filter((finding) => finding.range.start.line > 13).map((finding) => finding.message?.slice(0, 17)),
        ['Service "redis" h', 'Service "postgres'],
      );
      const fixed = applyTextEdits(stack, shared.fix!.edits);
      assert.match(fixed, /x-worker-defaults: &worker_defaults\n(?:.*\n){3} {2}deploy:\n {4}resources:\n {6}limits:\n {8}memory: 512M\n/);
      assert.deepEqual(
        findingsOf(fixed).map((finding) => finding.range.start.line),
        [21, 24],
        'after the fix only redis and postgres lack a limit',
      );
    });

    it('a service alone with its defaults is reported at the service; the hover at each grouped service says where it went', () => {
      const single = stack.replace(/ {2}billing:\n(?:.*\n){2}/, '');
      const limits = findingsOf(single);
      assert.ok(limits.some((finding) => finding.message?.startsWith('Service "ingest" has no memory limit')));
      const analysis = judged({ '/repo/compose.yaml': stack }, '/repo/compose.yaml');
      // The memory limit's note (the healthcheck every service lacks has its own, through the same defaults).
      const note = analysis.anchors.find(
        (anchor) =>
          anchor.range.start.line === 7 &&
          anchor.note?.includes('x-worker-defaults') &&
          anchor.ruleIds?.includes('compose/resource-limits'),
      );
      assert.match(note?.note ?? '', /2 services that merge "x-worker-defaults" lack it; it is reported once, there \(line 3\)/);
    });
  });

  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 1\n  selector: { matchLabels: { app: api } }\n  template:\n    metadata: { labels: { app: api } }\n    spec:\n      containers:\n        - name: api\n          image: ${image}\n`;

  it('reports a workload copied into a release bundle once, at the kustomize base, naming the copies', () => {
    const files = {
      '/repo/deploy/base/kustomization.yaml': 'resources: [api.yaml]\n',
      '/repo/deploy/base/api.yaml': deployment('api'),
      '/repo/release/all-in-one.yaml': deployment('ghcr.io/acme/api:1.4.2'),
    };
    const base = judged(files, '/repo/deploy/base/api.yaml');
    const kept = base.findings.find((finding) => finding.ruleId === 'k8s/replicas')!;
    assert.match(kept.message ?? '', /\(also in 1 other file\)$/);
    // The message reported is the governing stage's step: each step names the copies too.
    assert.deepEqual(
      kept.steps?.map((step) => /\(also in 1 other file\)$/.test(step.message)),
      [true, true],
    );
    assert.deepEqual(kept.related, [{ path: '/repo/release/all-in-one.yaml', line: 1, message: 'the same workload, copied here' }]);
    const bundle = judged(files, '/repo/release/all-in-one.yaml');
    assert.ok(!ids(bundle).includes('k8s/replicas'));
    assert.ok(bundle.anchors.some((anchor) => anchor.note?.includes('reported once, at ../deploy/base/api.yaml:2')));
  });

  it('judges every copy alike with one model for the workspace, in any order, as with a fresh model for each file', () => {
    // The model keeps what it found about copies (which keep a finding, where it is reported) across the files judged
    // by it: a shared model must answer each file as a fresh one does, whichever copy asked first.
    const files: Record<string, string> = {
      '/repo/deploy/base/kustomization.yaml': 'resources: [api.yaml]\n',
      '/repo/deploy/base/api.yaml': deployment('api'),
      '/repo/deploy/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamespace: dev\npatches: [{ path: replicas.yaml }]\n',
      '/repo/deploy/overlays/dev/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n',
      '/repo/release/all-in-one.yaml': deployment('ghcr.io/acme/api:1.4.2'),
      '/repo/examples/quickstart.yaml': deployment('acme/api:latest'),
      '/repo/shop/deploy/api.yaml': deployment('api'),
      '/repo/shop/release/api.yaml': deployment('ghcr.io/acme/api:2.0.0'),
    };
    const roots = ['/repo/shop'];
    const paths = Object.keys(files).filter((path) => !path.endsWith('kustomization.yaml'));
    const analyses = new Map(paths.map((path) => [path, analyzeFile(path, files[path], NO_WORKSPACE_FACTS)!]));
    const alone = new Map(
      paths.map((path) => [path, judgeAnalysis(path, analyses.get(path)!, modelOf(files, roots), builtinRuleCatalog())]),
    );
    for (const order of [paths, [...paths].reverse()]) {
      const shared = modelOf(files, roots);
      for (const path of order)
        assert.deepEqual(
          judgeAnalysis(path, analyses.get(path)!, shared, builtinRuleCatalog()),
          alone.get(path),
          `${path}, judged after ${order.indexOf(path)} others`,
        );
    }
    // The copies judged: each service reports its own once, and the base (its overlay sets a namespace) is no place for
    // the others' missing namespace.
    const reported = (path: string) => alone.get(path)!.findings.filter((finding) => finding.ruleId === 'k8s/default-namespace').length;
    assert.equal(reported('/repo/shop/deploy/api.yaml') + reported('/repo/shop/release/api.yaml'), 1);
    assert.equal(reported('/repo/deploy/base/api.yaml'), 0);
    assert.equal(reported('/repo/release/all-in-one.yaml') + reported('/repo/examples/quickstart.yaml'), 1);
  });

  it('keeps workloads that only share a name: different images are different workloads', () => {
    const files = { '/repo/a/api.yaml': deployment('acme/orders:1'), '/repo/b/api.yaml': deployment('acme/billing:1') };
    assert.ok(ids(judged(files, '/repo/a/api.yaml')).includes('k8s/replicas'));
    assert.ok(ids(judged(files, '/repo/b/api.yaml')).includes('k8s/replicas'));
  });
});

describe('well-known base images', () => {
  it('an image built on one that runs as non-root, or drops root in its entrypoint, is not asked for a USER; USER root still is', () => {
    for (const base of ['grafana/grafana:11.2.0', 'prom/prometheus:v2.54.1', 'bitnami/redis:7.4', 'postgres:16.4']) {
      const files = { '/repo/Dockerfile': `FROM ${base}\nCOPY config /etc/config\n` };
      assert.ok(!ids(judged(files, '/repo/Dockerfile')).includes('docker/non-root-user'), base);
    }
    assert.ok(
      ids(judged({ '/repo/Dockerfile': 'FROM grafana/grafana:11.2.0\nUSER root\n' }, '/repo/Dockerfile')).includes('docker/non-root-user'),
    );
    assert.ok(
      ids(judged({ '/repo/Dockerfile': 'FROM node:20.11-slim\nCMD ["node", "a.js"]\n' }, '/repo/Dockerfile')).includes(
        'docker/non-root-user',
      ),
    );
  });
});

describe('images built and run', () => {
  const dockerfile = 'FROM node:20.11-slim\nCOPY . .\nCMD ["node", "server.js"]\n';
  const deployment = (securityContext: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 3\n  selector: { matchLabels: { app: api } }\n  template:\n    metadata: { labels: { app: api } }\n    spec:\n${securityContext}      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.0\n`;
  const skaffold = 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: api\n      context: services/api\n';

  it('links a Dockerfile to the workloads that run the image skaffold builds from it', () => {
    const files = {
      '/repo/skaffold.yaml': skaffold,
      '/repo/services/api/Dockerfile': dockerfile,
      '/repo/k8s/api.yaml': deployment(''),
    };
    const model = modelOf(files);
    assert.deepEqual(
      model.imageConsumers('/repo/services/api/Dockerfile').map((consumer) => [consumer.via, consumer.place.path]),
      [
        ['build', '/repo/skaffold.yaml'],
        ['workload', '/repo/k8s/api.yaml'],
      ],
    );
    const kept = judged(files, '/repo/services/api/Dockerfile').findings.find((finding) => finding.ruleId === 'docker/non-root-user')!;
    assert.ok(kept.related?.some((place) => place.message === 'Deployment "api" runs the image it builds (ghcr.io/acme/api:1.2.0)'));
  });

  it("shares one subject and one list of related places among a unit's findings (kept by the thousand in a scan)", () => {
    const files: Record<string, string> = {
      '/repo/skaffold.yaml': skaffold,
      '/repo/services/api/Dockerfile': dockerfile,
      '/repo/k8s/api.yaml': deployment(''),
      '/repo/compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.2.0\n    privileged: true\n    ports: ["8080:8080"]\n',
    };
    const image = judged(files, '/repo/services/api/Dockerfile').findings;
    assert.ok(image.length >= 2, 'the Dockerfile has several findings');
    for (const finding of image) {
      assert.equal(finding.subject, image[0].subject);
      assert.equal(finding.related, image[0].related, `${finding.ruleId}: the same related places`);
    }
    assert.ok(Object.isFrozen(image[0].subject));
    for (const path of ['/repo/k8s/api.yaml', '/repo/compose.yaml']) {
      const findings = analyzeFile(path, files[path], NO_WORKSPACE_FACTS)!.findings;
      assert.ok(findings.length >= 2, `${path} has several findings`);
      for (const finding of findings) assert.equal(finding.subject, findings[0].subject, `${path} ${finding.ruleId}`);
    }
  });

  it("a workload's securityContext that forbids root satisfies docker/non-root-user for the image it runs", () => {
    const files = {
      '/repo/skaffold.yaml': skaffold,
      '/repo/services/api/Dockerfile': dockerfile,
      '/repo/k8s/api.yaml': deployment('      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n'),
    };
    assert.ok(!ids(judged(files, '/repo/services/api/Dockerfile')).includes('docker/non-root-user'));
    const rootUser = { ...files, '/repo/k8s/api.yaml': deployment('      securityContext:\n        runAsUser: 0\n') };
    assert.ok(ids(judged(rootUser, '/repo/services/api/Dockerfile')).includes('docker/non-root-user'));
  });

  it('a Dockerfile run only by a Job is a one-shot image', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate }\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: ghcr.io/acme/migrate:1.0.0\n';
    const files = {
      '/repo/tools/migrate/Dockerfile': dockerfile,
      '/repo/.github/workflows/images.yml':
        'on: push\njobs:\n  images:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: docker build -t ghcr.io/acme/migrate:${{ github.sha }} tools/migrate\n',
      '/repo/k8s/migrate.yaml': job,
    };
    assert.equal(modelOf(files).dockerfileRole('/repo/tools/migrate/Dockerfile').role, 'one-shot');
  });
});

describe('compose fragments', () => {
  it('a service with no image or build in a file used alone is judged where the nearest compose file defines it', () => {
    const files = {
      '/repo/compose.yaml': 'services:\n  notes:\n    image: acme/notes-demo:0.9.0\n',
      '/repo/deploy/compose.yaml': 'services:\n  notes:\n    image: acme/notes:2.3.0\n    restart: always\n',
      '/repo/deploy/proxy/compose.caddy.yaml': 'services:\n  notes:\n    labels:\n      caddy: notes.example.com\n',
    };
    const fragment = judged(files, '/repo/deploy/proxy/compose.caddy.yaml');
    assert.deepEqual(ids(fragment), []);
    const notes = fragment.anchors.filter((anchor) => anchor.note?.includes('has no image or build here'));
    assert.ok(
      notes.length > 0 && notes.every((anchor) => anchor.note!.includes('defined at ../compose.yaml:2,')),
      notes.map((n) => n.note).join('\n'),
    );
    // Alone in the workspace, the fragment keeps its findings: nothing says where it belongs.
    const alone = { '/repo/deploy/proxy/compose.caddy.yaml': files['/repo/deploy/proxy/compose.caddy.yaml'] };
    assert.ok(ids(judged(alone, '/repo/deploy/proxy/compose.caddy.yaml')).includes('compose/healthcheck'));
  });
});

describe('Swarm stacks', () => {
  const stack = 'version: "3.8"\nservices:\n  web:\n    image: acme/web:1.2.0\n';
  it("keeps a stack file's version: Swarm's loader reads it", () => {
    assert.ok(!ids(judged({ '/repo/docker-stack.yml': stack }, '/repo/docker-stack.yml')).includes('compose/obsolete-version'));
    const deployed = {
      '/repo/deploy/compose.yaml': stack,
      '/repo/deploy/swarm.sh': 'docker stack deploy -c compose.yaml shop\n',
    };
    const judgedStack = judged(deployed, '/repo/deploy/compose.yaml');
    assert.ok(!ids(judgedStack).includes('compose/obsolete-version'));
    assert.ok(judgedStack.anchors.some((anchor) => anchor.note?.includes('swarm.sh:1 deploys it with docker stack deploy')));
    assert.ok(ids(judged({ '/repo/compose.yaml': stack }, '/repo/compose.yaml')).includes('compose/obsolete-version'));
    // Named for what it is: `stack.yml` (the stack a "Try in PWD" button deploys), `stack.prod.yml`.
    for (const name of ['/repo/stack.yml', '/repo/deploy/stack.prod.yaml'])
      assert.ok(!ids(judged({ [name]: stack }, name)).includes('compose/obsolete-version'), name);
    assert.ok(ids(judged({ '/repo/stacks-readme.yml': stack }, '/repo/stacks-readme.yml')).includes('compose/obsolete-version'));
  });

  it('is not asked for `restart:`: Swarm ignores it and restarts services by default', () => {
    const judgedStack = judged({ '/repo/docker-stack.yml': stack }, '/repo/docker-stack.yml');
    assert.ok(!ids(judgedStack).includes('compose/restart-policy'));
    assert.ok(judgedStack.anchors.some((anchor) => anchor.note?.includes("Swarm restarts a stack's services by default")));
    assert.ok(ids(judged({ '/repo/compose.yaml': stack }, '/repo/compose.yaml')).includes('compose/restart-policy'));
  });
});

describe('images that do not ship', () => {
  it('a test image is not asked to trim apt lists or recommends; the image that ships still is', () => {
    const dockerfile = 'FROM debian:12.7\nRUN apt-get update && apt-get install -y curl\nCMD ["sh", "run.sh"]\n';
    const files = {
      '/repo/result/tests/Dockerfile': dockerfile,
      '/repo/result/Dockerfile': dockerfile,
      '/repo/result/docker-compose.test.yml': 'services:\n  sut:\n    build: ./tests/\n',
    };
    const test = judged(files, '/repo/result/tests/Dockerfile');
    assert.ok(!ids(test).includes('docker/apt-lists-cleanup') && !ids(test).includes('docker/apt-no-install-recommends'), ids(test).join());
    const shipped = ids(judged(files, '/repo/result/Dockerfile'));
    assert.ok(shipped.includes('docker/apt-lists-cleanup') && shipped.includes('docker/apt-no-install-recommends'), shipped.join());
  });
});

describe('nothing to test', () => {
  const workflow =
    'on: push\njobs:\n  validate:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: kustomize build clusters/production\n';
  it('a repository with no project or dependency manifest (GitOps, infrastructure) is not asked to run tests in CI', () => {
    const gitops = {
      '/repo/.github/workflows/validate.yml': workflow,
      '/repo/clusters/production/kustomization.yaml': 'resources: [apps.yaml]\n',
    };
    const quiet = judged(gitops, '/repo/.github/workflows/validate.yml');
    assert.ok(!ids(quiet).includes('gha/ci-runs-tests'));
    assert.ok(quiet.anchors.some((anchor) => anchor.note?.includes('no code of its own to test')));
    const app = { ...gitops, '/repo/services/api/go.mod': 'module example.com/api\n' };
    assert.ok(ids(judged(app, '/repo/.github/workflows/validate.yml')).includes('gha/ci-runs-tests'));
  });
});

describe('explicit choices', () => {
  it('restart: "no" makes a task one-shot, but not a service that publishes ports', () => {
    const compose =
      'services:\n  seed-data:\n    image: acme/tools:1\n    restart: "no"\n  api:\n    image: acme/api:1\n    restart: "no"\n    ports: ["8000:8000"]\n';
    const model = modelOf({ '/repo/compose.yaml': compose });
    assert.equal(model.composeRole('/repo/compose.yaml', 'seed-data').role, 'one-shot');
    assert.equal(model.composeRole('/repo/compose.yaml', 'api').role, 'service');
  });
});

describe('Helm charts', () => {
  it("links a Dockerfile to the chart whose values deploy the image built from it; a values file without a chart beside it is not a chart's", () => {
    const files: Record<string, string> = {
      '/repo/services/api/Dockerfile': 'FROM node:20.11-slim\nCMD ["node", "a.js"]\n',
      '/repo/.github/workflows/release.yml':
        'on: push\njobs:\n  image:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: docker build -t ghcr.io/acme/api:${{ github.sha }} services/api\n',
      '/repo/charts/api/Chart.yaml': 'apiVersion: v2\nname: acme-api\nversion: 1.0.0\n',
      '/repo/charts/api/values.yaml': 'replicaCount: 2\nimage:\n  repository: ghcr.io/acme/api\n  tag: ""\n',
      '/repo/config/values.yaml': 'image: ghcr.io/acme/api:1.0.0\n',
    };
    const consumers = modelOf(files).imageConsumers('/repo/services/api/Dockerfile');
    assert.deepEqual(
      consumers.map((consumer) => [consumer.via, consumer.place.path, consumer.place.line]),
      [
        ['build', '/repo/.github/workflows/release.yml', 5],
        ['chart', '/repo/charts/api/values.yaml', 1],
      ],
    );
    const kept = judged(files, '/repo/services/api/Dockerfile').findings.find((finding) => finding.ruleId === 'docker/non-root-user')!;
    assert.ok(kept.related?.some((place) => place.message === 'Helm chart "acme-api" deploys the image it builds (ghcr.io/acme/api)'));
  });

  it('an image only Kubernetes runs (a chart or a workload) is not asked for a HEALTHCHECK; one compose also runs still is', () => {
    const files: Record<string, string> = {
      '/repo/services/api/Dockerfile': 'FROM node:20.11-slim\nEXPOSE 8080\nCMD ["node", "a.js"]\n',
      '/repo/.github/workflows/release.yml':
        'on: push\njobs:\n  image:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: docker build -t ghcr.io/acme/api:${{ github.sha }} services/api\n',
      '/repo/charts/api/Chart.yaml': 'apiVersion: v2\nname: acme-api\nversion: 1.0.0\n',
      '/repo/charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: ""\n',
    };
    const chartOnly = judged(files, '/repo/services/api/Dockerfile');
    assert.ok(!ids(chartOnly).includes('docker/healthcheck'));
    assert.ok(chartOnly.anchors.some((anchor) => anchor.note?.includes('Kubernetes runs the image (Helm chart "acme-api", ')));
    const alsoCompose = { ...files, '/repo/compose.yaml': 'services:\n  api:\n    build: services/api\n' };
    assert.ok(ids(judged(alsoCompose, '/repo/services/api/Dockerfile')).includes('docker/healthcheck'));
    const builtOnly = {
      '/repo/services/api/Dockerfile': files['/repo/services/api/Dockerfile'],
      '/repo/.github/workflows/release.yml': files['/repo/.github/workflows/release.yml'],
    };
    assert.ok(ids(judged(builtOnly, '/repo/services/api/Dockerfile')).includes('docker/healthcheck'), 'where it runs is unknown');
  });
});

describe('docker/copy-whole-context, judged by the .dockerignore files the editor walk digests', () => {
  const dockerfile = 'FROM python:3.13-slim\nWORKDIR /srv\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n';
  const compose = 'services:\n  web:\n    build:\n      context: ./web\n      dockerfile: ../docker/web.Dockerfile\n';

  it('is reported when no .dockerignore can filter the context', () => {
    const files = { '/repo/compose.yaml': compose, '/repo/docker/web.Dockerfile': dockerfile, '/repo/web/.gitignore': '.env\n' };
    assert.deepEqual(
      ids(judged(files, '/repo/docker/web.Dockerfile')).filter((id) => id === 'docker/copy-whole-context'),
      ['docker/copy-whole-context'],
    );
  });

  it('is silent with a .dockerignore in the compose build context, in a folder above, or the Dockerfile’s own', () => {
    for (const ignore of ['/repo/web/.dockerignore', '/repo/.dockerignore', '/repo/docker/web.Dockerfile.dockerignore']) {
      const files = { '/repo/compose.yaml': compose, '/repo/docker/web.Dockerfile': dockerfile, [ignore]: '.git\n.env\n' };
      const analysis = judged(files, '/repo/docker/web.Dockerfile');
      assert.ok(!ids(analysis).includes('docker/copy-whole-context'), ignore);
      assert.ok(
        analysis.anchors.some((anchor) => anchor.note?.includes('filters the build context')),
        ignore,
      );
    }
  });
});

describe('k8s/dangling-service, judged by what the workspace may deploy unseen', () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: orders }',
    'spec:',
    '  selector: { matchLabels: { app: orders } }',
    '  template:',
    '    metadata: { labels: { app: orders } }',
    '    spec: { containers: [{ name: orders, image: ghcr.io/acme/orders:1.0.0 }] }',
  ].join('\n');
  const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: admin }\nspec:\n  selector: { app: admin }\n  ports: [{ port: 80 }]\n';
  const base = { '/repo/k8s/deployment.yaml': deployment, '/repo/k8s/service.yaml': service };
  const dangling = (files: Record<string, string>) => ids(judged(files, '/repo/k8s/service.yaml')).includes('k8s/dangling-service');

  it('is reported when the folder deploys workloads and none has the labels', () => {
    assert.ok(dangling(base));
  });

  it('is silent beside a Flux HelmRelease, an Argo CD Application of a chart, or an operator resource with a pod template', () => {
    const releases = [
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: admin }\nspec: { chart: { spec: { chart: admin } } }\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: admin }\nspec:\n  source: { repoURL: https://charts.example.com, chart: admin, targetRevision: 1.2.0 }\n',
      'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: admin }\nspec:\n  template:\n    spec: { containers: [{ image: ghcr.io/acme/admin:2.0.0 }] }\n',
    ];
    for (const release of releases) assert.ok(!dangling({ ...base, '/repo/platform/release.yaml': release }), release);
  });

  it('is silent when a kustomization that builds it rewrites labels or pulls remote resources', () => {
    for (const kustomization of [
      'resources: [deployment.yaml, service.yaml]\nnamePrefix: prod-\n',
      'resources: [service.yaml, github.com/acme/admin//deploy?ref=v1]\n',
    ]) {
      assert.ok(!dangling({ ...base, '/repo/k8s/kustomization.yaml': kustomization }), kustomization);
    }
    assert.ok(dangling({ ...base, '/repo/k8s/kustomization.yaml': 'namespace: shop\nresources: [deployment.yaml, service.yaml]\n' }));
  });

  it("looks for unseen pods in the file's own service (or the repository around it), not in another service of a monorepo", () => {
    // The editor models the whole workspace, the CLI each service: another service's chart must not silence this one.
    const monorepo = {
      '/repo/orders/k8s/deployment.yaml': deployment,
      '/repo/orders/k8s/service.yaml': service,
      '/repo/billing/chart/Chart.yaml': 'apiVersion: v2\nname: billing\nversion: 1.0.0\n',
    };
    const roots = ['/repo', '/repo/orders', '/repo/billing'];
    assert.ok(ids(judged(monorepo, '/repo/orders/k8s/service.yaml', roots)).includes('k8s/dangling-service'));
    const repositoryChart = { ...monorepo, '/repo/deploy/chart/Chart.yaml': 'apiVersion: v2\nname: platform\nversion: 1.0.0\n' };
    assert.ok(!ids(judged(repositoryChart, '/repo/orders/k8s/service.yaml', roots)).includes('k8s/dangling-service'));
  });
});

describe('k8s/default-namespace, answered by an app-of-apps chart', () => {
  const chart = 'apiVersion: v2\nname: apps\nversion: 1.0.0\n';
  const applications = [
    '{{- range .Values.applications }}',
    '---',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: {{ .name }}',
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: {{ .namespace | default .name }}',
    '  source:',
    '    path: {{ .path | default .name }}',
    '{{- end }}',
    '',
  ].join('\n');
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: storefront',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: storefront',
    '          image: acme/storefront:1.4.2',
    '',
  ].join('\n');

  it("counts the chart of the manifest's own service (or the repository around it), not another service's", () => {
    // The editor models the whole workspace, the CLI each service: another service's Applications deploy only its own folders.
    const monorepo = {
      '/repo/orders/k8s/deployment.yaml': deployment,
      '/repo/gitops/apps/Chart.yaml': chart,
      '/repo/gitops/apps/templates/applications.yaml': applications,
    };
    const roots = ['/repo/orders', '/repo/gitops'];
    assert.ok(ids(judged(monorepo, '/repo/orders/k8s/deployment.yaml', roots)).includes('k8s/default-namespace'));
    assert.ok(!ids(judged(monorepo, '/repo/orders/k8s/deployment.yaml', ['/repo/orders'])).includes('k8s/default-namespace'));
  });
});

describe('copies of a workload, within one service', () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: ledger',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: ledger',
    '          image: acme/ledger:1.4.2',
    '',
  ].join('\n');

  it('reports a copy once per service: the same workload in two services is two deployments', () => {
    // The editor models the whole workspace, the CLI each service: a copy in another service must not take this one's finding.
    const files = { '/repo/bank/release/ledger.yaml': deployment, '/repo/shop/quickstart/ledger.yaml': deployment };
    const namespaceIn = (path: string, roots: string[]) => ids(judged(files, path, roots)).includes('k8s/default-namespace');
    assert.ok(namespaceIn('/repo/bank/release/ledger.yaml', ['/repo/bank', '/repo/shop']));
    assert.ok(namespaceIn('/repo/shop/quickstart/ledger.yaml', ['/repo/bank', '/repo/shop']));
    // One service: reported once, at the first copy.
    assert.notEqual(namespaceIn('/repo/bank/release/ledger.yaml', ['/repo']), namespaceIn('/repo/shop/quickstart/ledger.yaml', ['/repo']));
  });
});

describe('the service a file belongs to (the innermost .stage.yml folder around it)', () => {
  const roots = ['/repo/services/api', '/repo/services/api/worker', '/repo/services/api-gateway', '/repo/services/web/'];
  const model = new DeploymentModel([], { repositoryRoot: '/repo', serviceRoots: roots });

  it('is the innermost service folder, never one whose name only starts the same', () => {
    assert.ok(model.sameService('/repo/services/api/Dockerfile', '/repo/services/api/deploy/compose.yaml'));
    assert.ok(model.sameService('/repo/services/api', '/repo/services/api/Dockerfile'));
    assert.ok(!model.sameService('/repo/services/api/worker/Dockerfile', '/repo/services/api/Dockerfile'));
    assert.ok(!model.sameService('/repo/services/api-gateway/Dockerfile', '/repo/services/api/Dockerfile'));
    assert.ok(model.sameService('/repo/README.md', '/repo/docs/compose.yaml'));
    assert.ok(!model.sameService('/repo/Dockerfile', '/repo/services/api/Dockerfile'));
  });

  it('finds a service folder written with a trailing slash', () => {
    assert.ok(model.sameService('/repo/services/web/Dockerfile', '/repo/services/web/k8s/deployment.yaml'));
    assert.ok(model.sameService('/repo/services/web', '/repo/services/web/Dockerfile'));
    assert.ok(!model.sameService('/repo/services/web/Dockerfile', '/repo/Dockerfile'));
  });

  it('answers as trying every root from the longest would, for any path', () => {
    const ordered = [...roots, '/repo'].sort((a, b) => b.length - a.length);
    // A root written with a trailing slash names the same folder as without it.
    const within = (root: string, path: string) => {
      const folder = root.endsWith('/') ? root.slice(0, -1) : root;
      return path === folder || path.startsWith(`${folder}/`);
    };
    const reference = (path: string) => ordered.find((root) => within(root, path));
    const segment = fc.constantFrom('repo', 'services', 'api', 'worker', 'api-gateway', 'web', 'x.yaml', 'apiary');
    const pathOf = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(pathOf, pathOf, (a, b) => {
        assert.equal(model.sameService(a, b), reference(a) === reference(b), `${a} and ${b}`);
      }),
      { numRuns: 3000 },
    );
  });
});
