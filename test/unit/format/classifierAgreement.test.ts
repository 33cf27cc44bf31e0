import * as assert from 'node:assert/strict';
import { builtinSignalCatalog } from '../../../src/core/evidence/catalog/signalCatalog';
import type { EvidenceFacts } from '../../../src/core/evidence/facts';
import { collectFacts } from '../../../src/core/evidence/scan/collectFacts';
import type { CiSystem } from '../../../src/core/evidence/facts';
import { evidenceOnlyKindByName } from '../../../src/core/format/fileKinds';
import type { FileKind } from '../../../src/core/format/fileKinds';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';
import { TreeFileSystem, tree } from '../evidence/support/treeFileSystem';
import { scanScope } from '../../../src/core/evidence/assessment/assessService';
import { editorScanOf } from '../evidence/support/editorScan';

const ROOT = '/ws';
const DOCKERFILE = 'FROM node:20-alpine\nCMD ["node", "server.js"]\n';
const COMPOSE = 'services:\n  web:\n    image: web:1.0\n';
const WORKFLOW = 'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
const GITLAB = 'build:\n  image: node:20\n  script:\n    - npm ci\n';
const MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n';
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n';
const HELM_TEMPLATE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n';
const PLAIN_YAML = 'replicaCount: 2\nimage:\n  tag: "1.0"\n';

/** Real-world layouts: path → [content, the kind both sides must give it (undefined: neither reads it as configuration)]. */
const TABLE: Record<string, [string, FileKind | undefined]> = {
  Dockerfile: [DOCKERFILE, 'dockerfile'],
  Containerfile: [DOCKERFILE, 'dockerfile'],
  'services/api/api.Dockerfile': [DOCKERFILE, 'dockerfile'],
  'services/api/Dockerfile.dev': [DOCKERFILE, 'dockerfile'],
  'docker/worker.dockerfile': [DOCKERFILE, 'dockerfile'],
  'legacy/dockerfile': [DOCKERFILE, 'dockerfile'],
  'legacy/Dockerfile.DEV': [DOCKERFILE, 'dockerfile'],
  'Dockerfile.dockerignore': ['node_modules\n', undefined],
  'compose.yaml': [COMPOSE, 'compose'],
  'compose.override.yaml': [COMPOSE, 'compose'],
  'docker-compose.yml': [COMPOSE, 'compose'],
  'docker-compose.prod.yml': [COMPOSE, 'compose'],
  'deploy/docker-compose.staging.yaml': [COMPOSE, 'compose'],
  'docker-compose_dev.yml': [COMPOSE, 'compose'],
  'docker-stack.yml': [COMPOSE, 'compose'],
  'Docker-Compose.YML': [COMPOSE, 'compose'],
  'composer.yaml': [PLAIN_YAML, undefined],
  // Named freely, loaded with `docker compose -f deploy/prod.yml`, `include:` or `extends: file:`: the content decides.
  'deploy/prod.yml': [`x-common: &common\n  restart: always\n${COMPOSE}networks:\n  default: {}\n`, 'compose'],
  'infra/stack/common-services.yaml': [`version: "3.8"\n${COMPOSE}`, 'compose'],
  // Settings that happen to have a `services` key, beside keys compose does not know.
  'config/app.yml': ['port: 8080\nservices:\n  billing:\n    image: billing-logo.png\n', undefined],
  'config/endpoints.yml': ['services:\n  auth:\n    url: https://auth.local\n', undefined],
  '.github/workflows/ci.yml': [WORKFLOW, 'github-actions'],
  '.github/workflows/release.yaml': [WORKFLOW, 'github-actions'],
  '.github/workflows/docs/nested.yml': [WORKFLOW, undefined],
  '.github/dependabot.yml': ['version: 2\nupdates: []\n', undefined],
  '.gitlab-ci.yml': [GITLAB, 'gitlab-ci'],
  '.gitlab/ci/test.yml': [GITLAB, 'gitlab-ci'],
  '.gitlab/ci/deploy/production.yml': [GITLAB, 'gitlab-ci'],
  'ci/templates/build.gitlab-ci.yml': [GITLAB, 'gitlab-ci'],
  '.gitlab/agents/prod/config.yaml': [PLAIN_YAML, undefined],
  'k8s/deployment.yaml': [MANIFEST, 'kubernetes'],
  'k8s/all-in-one.yml': [`# generated\n---\n${MANIFEST}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`, 'kubernetes'],
  'deploy/overlays/prod/kustomization.yaml': [KUSTOMIZATION, 'kubernetes'],
  'charts/web/Chart.yaml': ['apiVersion: v2\nname: web\nversion: 0.1.0\n', undefined],
  'charts/web/values.yaml': [PLAIN_YAML, undefined],
  'charts/web/templates/deployment.yaml': [HELM_TEMPLATE, undefined],
  'charts/web/templates/service.yaml': ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n', undefined],
  'templates/plain.yaml': [MANIFEST, 'kubernetes'],
  'config/settings.yml': [PLAIN_YAML, undefined],
  '.stage.yml': ['stage: production\n', undefined],
};

/** The kind the evidence scan gave each file: which of its models the file landed in. */
function evidenceKinds(facts: EvidenceFacts): Map<string, FileKind> {
  const kinds = new Map<string, FileKind>();
  const add = (path: string, kind: FileKind) => {
    const known = kinds.get(path);
    assert.ok(known === undefined || known === kind, `${path} read as ${known} and ${kind}`);
    kinds.set(path, kind);
  };
  for (const dockerfile of facts.dockerfiles) add(dockerfile.path, 'dockerfile');
  for (const compose of facts.compose) add(compose.path, 'compose');
  for (const ci of facts.ci)
    if (ci.system === 'github' || ci.system === 'gitlab') add(ci.path, ci.system === 'github' ? 'github-actions' : 'gitlab-ci');
  for (const resource of facts.resources) add(resource.at.path, 'kubernetes');
  return kinds;
}

describe('format: one classifier for the rules and the evidence', () => {
  it('classifies every path of a real-world layout alike on both sides', async () => {
    const files = Object.fromEntries(Object.entries(TABLE).map(([path, [text]]) => [path, text]));
    const fs = new TreeFileSystem(tree(ROOT, files));
    const { facts } = await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog: builtinSignalCatalog() });
    const byEvidence = evidenceKinds(facts);
    const isFile = (path: string) => `${path.slice(ROOT.length + 1)}` in TABLE;
    const disagreements: string[] = [];
    for (const [relative, [text, expected]] of Object.entries(TABLE)) {
      const path = `${ROOT}/${relative}`;
      const byRules = analyzeFile(path, text, NO_WORKSPACE_FACTS, { isFile })?.kind;
      const evidence = byEvidence.get(path);
      if (byRules !== expected || evidence !== expected)
        disagreements.push(`${relative}: expected ${expected}, rules ${byRules}, evidence ${evidence}`);
    }
    assert.deepEqual(disagreements, []);
  });

  it('gives the evidence-only CI kinds to the evidence alone: no rule reads Travis, CircleCI, Azure, Bitbucket or Jenkins files', async () => {
    const ci: Record<string, [string, CiSystem]> = {
      '.travis.yml': ['language: node_js\n', 'travis'],
      '.circleci/config.yml': ['version: 2.1\njobs:\n  build:\n    steps: [checkout]\n', 'circleci'],
      'azure-pipelines.yml': ['steps:\n  - script: make\n', 'azure'],
      '.azure-pipelines/release.yml': ['steps:\n  - script: make\n', 'azure'],
      'bitbucket-pipelines.yml': ['pipelines:\n  default:\n    - step:\n        script: [make]\n', 'bitbucket'],
      Jenkinsfile: ["pipeline { stages { stage('Build') { steps { sh 'make' } } } }\n", 'jenkins'],
      'ci/Jenkinsfile.deploy': ["node { stage('Deploy') { sh 'make deploy' } }\n", 'jenkins'],
    };
    const fs = new TreeFileSystem(tree(ROOT, Object.fromEntries(Object.entries(ci).map(([path, [text]]) => [path, text]))));
    const { facts } = await collectFacts({ fs, root: ROOT, workspaceRoot: ROOT, catalog: builtinSignalCatalog() });
    const systems = new Map(facts.ci.map((fact) => [fact.path, fact.system]));
    for (const [relative, [text, system]] of Object.entries(ci)) {
      const path = `${ROOT}/${relative}`;
      assert.equal(analyzeFile(path, text, NO_WORKSPACE_FACTS), undefined, `${relative}: no rule reads it`);
      assert.equal(evidenceOnlyKindByName(path) !== undefined, true, `${relative}: an evidence-only kind`);
      assert.equal(systems.get(path), system, relative);
    }
    assert.equal(evidenceOnlyKindByName('/ws/config.yml'), undefined);
    assert.equal(evidenceOnlyKindByName('/ws/docs/jenkinsfile.md'), undefined);
  });

  it('classifies the files a GitLab pipeline includes under names of their own alike: by reference, in the scan, the CLI and the editor', async () => {
    const layout: Record<string, [string, FileKind | undefined]> = {
      '.gitlab-ci.yml': ["include:\n  - local: ci/build.yml\n  - local: '.gitlab/CI/*.yml'\n  - local: templates/jobs.yml\n", 'gitlab-ci'],
      'ci/build.yml': [`${GITLAB}deploy-review:\n  trigger:\n    include: ci/review/pipeline.yml\n`, 'gitlab-ci'],
      '.gitlab/CI/release.yml': [GITLAB, 'gitlab-ci'],
      'templates/jobs.yml': ['include: ci/more.yml\n.node:\n  image: node:22\n', 'gitlab-ci'],
      'ci/more.yml': [GITLAB, 'gitlab-ci'],
      'ci/review/pipeline.yml': [GITLAB, 'gitlab-ci'],
      // Beside them, named alike, but no pipeline names them.
      'ci/old-build.yml': [GITLAB, undefined],
      '.gitlab/CI-old/release.yml': [GITLAB, undefined],
      'templates/config.yml': [PLAIN_YAML, undefined],
    };
    const files = tree(ROOT, Object.fromEntries(Object.entries(layout).map(([path, [text]]) => [path, text])));
    const { facts } = await collectFacts({
      fs: new TreeFileSystem(files),
      root: ROOT,
      workspaceRoot: ROOT,
      catalog: builtinSignalCatalog(),
    });
    const byEvidence = evidenceKinds(facts);
    // `check`: the scan analyses each file as it reads it (by the pipelines' references the evidence found).
    const scanned = await scanScope(ROOT, undefined, { fs: new TreeFileSystem(files), workspaceRoot: ROOT, today: '2026-01-01' });
    const byCheck = new Map(scanned.analyses.map(({ path, analysis }) => [path, analysis.kind]));
    // The editor: the same scan gives the service's workspace facts, and the open file's text is analysed with them
    // (by the pipelines' files those facts list: analyzeFile's own way, not the scan's).
    const editor = await editorScanOf(files, ROOT);
    const disagreements: string[] = [];
    for (const [relative, [text, expected]] of Object.entries(layout)) {
      const path = `${ROOT}/${relative}`;
      const byScan = byCheck.get(path);
      const byEditor = editor.analyze(path, text)?.kind;
      const evidence = byEvidence.get(path);
      if (byScan !== expected || byEditor !== expected || evidence !== expected)
        disagreements.push(
          `${relative}: expected ${expected}, rules in the scan ${byScan}, in the editor ${byEditor}, evidence ${evidence}`,
        );
    }
    assert.deepEqual(disagreements, []);
  });
});
