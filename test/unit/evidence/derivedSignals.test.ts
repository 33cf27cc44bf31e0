import assert from 'node:assert/strict';
import { dependabotCovers } from '../../../src/core/evidence/signals/derived/manifestSignals';
import { coveringRule } from '../../../src/core/evidence/signals/derived/documentSignals';
import { places, ROOT, signal, signalsOf } from './support/scan';

const deployment = (
  name: string,
  extra = '',
  container = '        - name: app\n          image: app:1\n          readinessProbe: {}\n          livenessProbe: {}\n',
) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n${extra}  template:\n    spec:\n      containers:\n${container}`;

describe('evidence: derived signals', () => {
  describe('manifests', () => {
    it('deps.manifest per manifest; deps.lockfile from a fully pinned requirements.txt; runtime.pinned from version fields', async () => {
      const results = await signalsOf({ 'requirements.txt': 'flask==3.0.3\n', 'package.json': '{"engines":{"node":"20.x"}}' });
      assert.deepEqual(places(signal(results, 'deps.manifest').evidence), [
        'package.json package.json',
        'requirements.txt requirements.txt',
      ]);
      assert.deepEqual(places(signal(results, 'deps.lockfile').evidence), ['requirements.txt:1 requirements.txt pins all 1 requirements']);
      assert.deepEqual(places(signal(results, 'runtime.pinned').evidence), ['package.json:1 engines.node 20.x']);
      const loose = await signalsOf({ 'requirements.txt': 'flask>=3\n' });
      assert.equal(signal(loose, 'deps.lockfile').observed, false);
    });

    it('deps.automated-updates: Dependabot counts only where its directory covers the service', () => {
      assert.equal(dependabotCovers('npm /', ''), true);
      assert.equal(dependabotCovers('npm /', 'services/api'), false);
      assert.equal(dependabotCovers('gomod /services/api', 'services/api'), true);
      assert.equal(dependabotCovers('gomod /services/api/cmd', 'services/api'), true);
      assert.equal(dependabotCovers('pip /services/*', 'services/api'), true);
      assert.equal(dependabotCovers('github-actions /', ''), false, "Actions updates are not the service's dependencies");
    });
  });

  describe('documents', () => {
    it('docs.readme-setup and docs.deploy-steps from README headings', async () => {
      const results = await signalsOf({ 'README.md': '# Shop\n\n## Quick start\n\n## Deploying to production\n' });
      assert.deepEqual(places(signal(results, 'docs.readme-setup').evidence), ['README.md:3 README section "Quick start"']);
      assert.deepEqual(places(signal(results, 'docs.deploy-steps').evidence), ['README.md:5 README section "Deploying to production"']);
      assert.equal(signal(await signalsOf({ 'README.md': '# Shop\n\nA shop.\n' }), 'docs.readme-setup').observed, false);
    });

    it('repo.codeowners: the last matching rule decides, and it must name owners', () => {
      const rule = (pattern: string, ...owners: string[]) => ({ pattern, owners, line: 0 });
      assert.equal(coveringRule([rule('*', '@all')], '')?.pattern, '*');
      assert.equal(coveringRule([rule('/docs/', '@docs')], ''), undefined);
      assert.equal(coveringRule([rule('*', '@all'), rule('/services/api/', '@api')], 'services/api')?.owners[0], '@api');
      assert.equal(
        coveringRule([rule('/services/api/', '@api'), rule('/services/')], 'services/api'),
        undefined,
        'a later rule without owners un-assigns',
      );
      assert.equal(coveringRule([rule('/services/api-gateway/', '@gw')], 'services/api'), undefined);
    });

    it('secrets.env-ignored names the .gitignore line that ignores .env', async () => {
      const results = await signalsOf({ '.gitignore': 'node_modules\n.env*\n' });
      assert.deepEqual(places(signal(results, 'secrets.env-ignored').evidence), ['.gitignore:2 .gitignore ignores .env']);
      assert.equal(signal(await signalsOf({ '.gitignore': 'node_modules\n' }), 'secrets.env-ignored').observed, false);
    });
  });

  describe('containers', () => {
    it('container.multi-stage must hold for every Dockerfile', async () => {
      const results = await signalsOf({
        'a/Dockerfile': 'FROM node:20 AS b\nRUN x\nFROM node:20-slim\n',
        'b/Dockerfile': 'FROM node:20\n',
      });
      const multiStage = signal(results, 'container.multi-stage');
      assert.equal(multiStage.observed, false);
      assert.deepEqual(places(multiStage.counterEvidence), ['b/Dockerfile:1 Dockerfile is a single-stage build']);
    });

    it('container.non-root-pinned: USER (inherited from a build stage too), nonroot bases, unpinned bases, root', async () => {
      const ok = await signalsOf({ Dockerfile: 'FROM python:3.12 AS base\nUSER app\nFROM base\nCMD ["x"]\n' });
      assert.deepEqual(places(signal(ok, 'container.non-root-pinned').evidence), ['Dockerfile:2 Dockerfile: USER app, pinned base images']);
      const distroless = await signalsOf({ Dockerfile: 'FROM golang:1.22 AS b\nFROM gcr.io/distroless/static:nonroot\n' });
      assert.ok(signal(distroless, 'container.non-root-pinned').observed);
      const latest = await signalsOf({ Dockerfile: 'FROM node:latest\nUSER node\n' });
      assert.deepEqual(places(signal(latest, 'container.non-root-pinned').counterEvidence), [
        'Dockerfile:1 Dockerfile: base image node:latest is not pinned to a version',
      ]);
      const root = await signalsOf({ Dockerfile: 'FROM node:20\nUSER 0:0\n' });
      assert.deepEqual(places(signal(root, 'container.non-root-pinned').counterEvidence), [
        'Dockerfile:2 Dockerfile: the final stage runs as root',
      ]);
    });

    it('compose.restart-policy for every long-running service; `restart: "no"` is a choice; dev compose files are not judged', async () => {
      const results = await signalsOf({
        'compose.yaml':
          'services:\n  api:\n    build: .\n    restart: unless-stopped\n  migrate:\n    build: .\n    restart: "no"\n  worker:\n    build: .\n',
        'compose.override.yaml': 'services:\n  debug:\n    image: busybox:1\n',
      });
      const restart = signal(results, 'compose.restart-policy');
      assert.deepEqual(places(restart.evidence), ['compose.yaml:4 compose service api restart: unless-stopped']);
      assert.deepEqual(places(restart.counterEvidence), ['compose.yaml:8 compose service worker has no restart policy']);
    });

    it("health.endpoint from a Dockerfile HEALTHCHECK or the app service's compose healthcheck, not a database's", async () => {
      const results = await signalsOf({
        Dockerfile: 'FROM x:1\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
        'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: pg_isready\n',
      });
      assert.deepEqual(places(signal(results, 'health.endpoint').evidence), ['Dockerfile:2 Dockerfile HEALTHCHECK']);
    });

    it("config.db-from-env from the app's environment, never from the database container's own settings", async () => {
      const results = await signalsOf({
        'compose.yaml':
          'services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://db/app\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST: x\n',
        '.env.example': 'SPRING_DATASOURCE_URL=jdbc:postgresql://localhost/app\n',
      });
      assert.deepEqual(places(signal(results, 'config.db-from-env').evidence), [
        '.env.example:1 .env.example documents SPRING_DATASOURCE_URL',
        'compose.yaml:5 compose service api gets DATABASE_URL from the environment',
      ]);
    });
  });

  describe('Kubernetes workloads', () => {
    it('k8s.probes: every container of every Deployment; DaemonSets are not judged', async () => {
      const results = await signalsOf({
        'ok.yaml': deployment('ok'),
        'bad.yaml': deployment('bad', '', '        - name: app\n          image: app:1\n          readinessProbe: {}\n'),
        'agent.yaml':
          'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n',
      });
      const probes = signal(results, 'k8s.probes');
      assert.equal(probes.observed, false);
      assert.deepEqual(places(probes.counterEvidence), ['bad.yaml:2 Deployment bad: app has no livenessProbe']);
    });

    it('merges kustomize patches by kind and name: a patch adding replicas or a probe counts for the base', async () => {
      const results = await signalsOf({
        'base/app.yaml': deployment(
          'api',
          '  replicas: 1\n',
          '        - name: app\n          image: app:1\n          readinessProbe: {}\n',
        ),
        'overlays/prod/patch.yaml': deployment('api', '  replicas: 3\n', '        - name: app\n          livenessProbe: {}\n'),
      });
      assert.ok(signal(results, 'k8s.probes').observed);
      assert.deepEqual(places(signal(results, 'deploy.multiple-instances').evidence), ['base/app.yaml:2 Deployment api: replicas 3']);
    });

    it('deploy.multiple-instances: replicas, or the minimum of an autoscaler targeting the workload', async () => {
      const single = await signalsOf({ 'app.yaml': deployment('api') });
      assert.deepEqual(places(signal(single, 'deploy.multiple-instances').counterEvidence), [
        'app.yaml:2 Deployment api: replicas not set (1)',
      ]);
      const scaled = await signalsOf({
        'app.yaml': `${deployment('api')}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: api\n  minReplicas: 2\n  maxReplicas: 6\n`,
      });
      assert.deepEqual(places(signal(scaled, 'deploy.multiple-instances').evidence), ['app.yaml:22 Deployment api: autoscaler minimum 2']);
    });

    it('scaling.autoscaler and k8s.pdb: every workload needs its own autoscaler; every multi-replica one a budget selecting its pods', async () => {
      const labelled = (name: string) =>
        deployment(name, '  replicas: 2\n').replace('  template:\n', `  template:\n    metadata:\n      labels:\n        app: ${name}\n`);
      const hpa =
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: api\n  minReplicas: 2\n';
      const pdb =
        'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: api\n';
      const results = await signalsOf({ 'api.yaml': labelled('api'), 'worker.yaml': labelled('worker'), 'hpa.yaml': hpa, 'pdb.yaml': pdb });
      assert.deepEqual(places(signal(results, 'scaling.autoscaler').evidence), ['hpa.yaml:9 Deployment api has an autoscaler']);
      assert.deepEqual(places(signal(results, 'scaling.autoscaler').counterEvidence), [
        'worker.yaml:2 Deployment worker has no HorizontalPodAutoscaler or ScaledObject',
      ]);
      assert.deepEqual(places(signal(results, 'k8s.pdb').evidence), ['pdb.yaml:2 Deployment api has a PodDisruptionBudget']);
      assert.deepEqual(places(signal(results, 'k8s.pdb').counterEvidence), [
        'worker.yaml:2 Deployment worker runs 2 replicas without a PodDisruptionBudget',
      ]);
    });

    it('k8s.zone-spread: multi-replica workloads need a zone topology spread or anti-affinity', async () => {
      const spread = '  replicas: 3\n';
      const missing = await signalsOf({ 'app.yaml': deployment('api', spread) });
      assert.deepEqual(places(signal(missing, 'k8s.zone-spread').counterEvidence), [
        'app.yaml:2 Deployment api runs 3 replicas without a zone spread',
      ]);
      const withSpread = deployment('api', spread).replace(
        '      containers:',
        '      topologySpreadConstraints:\n        - topologyKey: topology.kubernetes.io/zone\n          maxSkew: 1\n      containers:',
      );
      assert.ok(signal(await signalsOf({ 'app.yaml': withSpread }), 'k8s.zone-spread').observed);
      const single = signal(await signalsOf({ 'app.yaml': deployment('api') }), 'k8s.zone-spread');
      assert.deepEqual([single.evidence, single.counterEvidence], [[], []], 'one replica: nothing to spread');
    });
  });

  describe('CI', () => {
    const workflow = (on: string, steps: string, extra = '') => `on: ${on}\njobs:\n  job:\n${extra}    steps:\n${steps}`;

    it('ci.runs-tests on push or pull request; a scheduled-only workflow does not count', async () => {
      const results = await signalsOf({ '.github/workflows/ci.yml': workflow('[push, pull_request]', '      - run: go test ./...\n') });
      assert.deepEqual(places(signal(results, 'ci.runs-tests').evidence), [
        '.github/workflows/ci.yml:5 CI job job runs the tests on push and pull request',
      ]);
      const nightly = await signalsOf({
        '.github/workflows/n.yml': workflow('\n  schedule:\n    - cron: "0 3 * * *"', '      - run: go test ./...\n'),
      });
      assert.equal(signal(nightly, 'ci.runs-tests').observed, false);
    });

    it('ci.builds-artifact, ci.versioned-artifact, ci.deploys and ci.deploys-on-main', async () => {
      const results = await signalsOf({
        '.github/workflows/cd.yml': workflow(
          '\n  push:\n    branches: [main]',
          '      - run: docker build -t ghcr.io/acme/app:${{ github.sha }} .\n      - run: kubectl apply -f k8s/\n',
          '    environment: production\n',
        ),
      });
      assert.ok(signal(results, 'ci.builds-artifact').observed);
      assert.deepEqual(places(signal(results, 'ci.versioned-artifact').evidence), [
        '.github/workflows/cd.yml:8 CI job job tags its artifact with the commit or version',
      ]);
      assert.deepEqual(places(signal(results, 'ci.deploys-on-main').evidence), [
        '.github/workflows/cd.yml:9 CI job job deploys to production on pushes to main',
      ]);
      const manual = await signalsOf({
        '.github/workflows/cd.yml': workflow('workflow_dispatch', '      - run: helm upgrade --install app chart/\n'),
      });
      assert.ok(signal(manual, 'ci.deploys').observed);
      assert.equal(signal(manual, 'ci.deploys-on-main').observed, false);
    });

    it('Maven/Gradle builds and publishes, vercel --prod and docker compose up are read from the command words (a long line stays linear)', async () => {
      const results = await signalsOf({
        '.github/workflows/cd.yml': workflow(
          '\n  push:\n    branches: [main]',
          '      - run: |\n          echo mvn deploy\n          ./mvnw -B clean deploy\n      - run: npx vercel --token x --prod\n',
        ),
      });
      assert.deepEqual(places(signal(results, 'ci.builds-artifact').evidence), [
        '.github/workflows/cd.yml:9 CI job job builds on pushes to main',
      ]);
      assert.ok(signal(results, 'ci.versioned-artifact').observed, 'mvn … deploy publishes');
      assert.ok(signal(results, 'ci.deploys').observed, 'vercel … --prod deploys');
      const printed = await signalsOf({
        '.github/workflows/cd.yml': workflow('\n  push:\n    branches: [main]', `      - run: echo "mvn ${'x '.repeat(20000)}"\n`),
      });
      assert.equal(signal(printed, 'ci.builds-artifact').observed, false);
      const compose = await signalsOf({ '.gitlab-ci.yml': 'test:\n  script:\n    - docker compose -f ci.yml up -d\n    - pytest\n' });
      assert.ok(signal(compose, 'tests.integration-with-db').observed);
    });

    it('tests.integration-with-db: a job that starts a database service and runs the tests', async () => {
      const results = await signalsOf({ '.gitlab-ci.yml': 'test:\n  services:\n    - postgres:16\n  script:\n    - pytest\n' });
      assert.deepEqual(places(signal(results, 'tests.integration-with-db').evidence), [
        '.gitlab-ci.yml:3 CI job test tests against postgres:16',
      ]);
    });

    it('release.automation from a tag-triggered build', async () => {
      const results = await signalsOf({
        '.github/workflows/release.yml': workflow('\n  push:\n    tags: ["v*"]', '      - uses: goreleaser/goreleaser-action@v6\n'),
      });
      assert.ok(signal(results, 'release.automation').observed);
    });

    it('a repository-level pipeline counts for a nested service only when it names the service folder', async () => {
      const files = {
        '.github/workflows/api.yml': workflow(
          '[push]',
          '      - run: npm test\n',
          '    defaults:\n      run:\n        working-directory: services/api\n',
        ),
        '.github/workflows/gateway.yml': workflow(
          '[push]',
          '      - run: go test ./...\n',
          '    defaults:\n      run:\n        working-directory: services/api-gateway\n',
        ),
        'services/api/.stage.yml': 'stage: mvp\n',
        'services/api/package.json': '{}',
        'services/web/.stage.yml': 'stage: mvp\n',
      };
      const api = await signalsOf(files, `${ROOT}/services/api`, ROOT);
      assert.deepEqual(places(signal(api, 'ci.runs-tests').evidence), ['.github/workflows/api.yml:8 CI job job runs the tests on push']);
      const web = await signalsOf(files, `${ROOT}/services/web`, ROOT);
      assert.equal(signal(web, 'ci.runs-tests').observed, false);
    });
  });

  describe('tests, migrations, APIs and regions', () => {
    it('tests.one-command: a standard runner and tests to run; the npm init placeholder does not count', async () => {
      const placeholder = await signalsOf({
        'package.json': '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}',
        'src/a.test.js': '',
      });
      assert.equal(signal(placeholder, 'tests.one-command').observed, false);
      const go = await signalsOf({ 'go.mod': 'module x\n\ngo 1.22\n', 'internal/a_test.go': '' });
      assert.deepEqual(places(signal(go, 'tests.one-command').evidence), ['go.mod go test ./... (go.mod)']);
      const noTests = await signalsOf({ 'go.mod': 'module x\n\ngo 1.22\n' });
      assert.equal(signal(noTests, 'tests.one-command').observed, false);
    });

    it('db.indexes-in-migrations from migration files that create an index', async () => {
      const results = await signalsOf({
        'alembic/versions/0001.py': 'def upgrade():\n    op.create_table("t")\n    op.create_index("ix", "t", ["a"])\n',
      });
      assert.deepEqual(places(signal(results, 'db.indexes-in-migrations').evidence), [
        'alembic/versions/0001.py:3 0001.py creates an index',
      ]);
    });

    it('api.versioned from OpenAPI servers or paths (probes and metrics aside) and proto packages', async () => {
      const spec = (paths: string) => `openapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\npaths:\n${paths}`;
      const versioned = await signalsOf({ 'openapi.yaml': spec('  /healthz: {}\n  /v1/orders: {}\n') });
      assert.deepEqual(places(signal(versioned, 'api.versioned').evidence), ['openapi.yaml:6 openapi.yaml: paths under /v1']);
      const unversioned = await signalsOf({ 'openapi.yaml': spec('  /healthz: {}\n  /orders: {}\n') });
      assert.deepEqual(places(signal(unversioned, 'api.versioned').counterEvidence), [
        'openapi.yaml:6 openapi.yaml: paths such as /orders carry no version',
      ]);
      const proto = await signalsOf({ 'orders.proto': 'syntax = "proto3";\npackage acme.orders;\n' });
      assert.deepEqual(places(signal(proto, 'api.versioned').counterEvidence), [
        'orders.proto:2 proto package acme.orders has no version suffix',
      ]);
      assert.ok(signal(proto, 'api.spec-file').observed);
    });

    it('infra.multi-region from provider blocks in two regions', async () => {
      const results = await signalsOf({
        'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "eu"\n  region = "eu-west-1"\n}\n',
      });
      assert.deepEqual(places(signal(results, 'infra.multi-region').evidence), ['main.tf:4 provider "aws" in us-east-1 and eu-west-1']);
      assert.equal(
        signal(await signalsOf({ 'main.tf': 'provider "aws" {\n  region = var.region\n}\n' }), 'infra.multi-region').observed,
        false,
      );
    });
  });
});
