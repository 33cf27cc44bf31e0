import * as assert from 'node:assert/strict';
import { isDockerfileName } from '../../../src/core/format/fileKinds';
import type { FileKindContext } from '../../../src/core/format/fileKinds';
import { analyzeFile } from '../../../src/core/rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../../src/core/rules/types';

const MANIFEST = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

/** The kind the rules read a file as: the classification analyzeFile makes (by name, else by content over its one parse). */
function ruleKindOf(path: string, text: string, context: FileKindContext = {}) {
  return analyzeFile(path, text, NO_WORKSPACE_FACTS, context)?.kind;
}

describe('file kinds', () => {
  it('recognises Dockerfiles by name, in any case', () => {
    for (const name of [
      'Dockerfile',
      'dockerfile',
      'DOCKERFILE',
      'Containerfile',
      'Dockerfile.prod',
      'dockerfile.dev',
      'api.Dockerfile',
      'worker.dockerfile',
    ]) {
      assert.equal(ruleKindOf(`/repo/${name}`, ''), 'dockerfile', name);
    }
    for (const name of [
      'Dockerfile.dockerignore',
      'api.Dockerfile.dockerignore',
      'Dockerfile.',
      '.Dockerfile',
      'Dockerfiles',
      'my-dockerfile.txt',
      'README.md',
    ]) {
      assert.equal(isDockerfileName(name), false, name);
    }
  });

  it('recognises GitHub workflows only directly under .github/workflows', () => {
    assert.equal(ruleKindOf('/repo/.github/workflows/ci.yml', 'on: push\n'), 'github-actions');
    assert.equal(ruleKindOf('/repo/.github/workflows/release.yaml', 'on: push\n'), 'github-actions');
    assert.equal(ruleKindOf('/repo/.github/workflows/nested/ci.yml', 'on: push\n'), undefined);
    assert.equal(ruleKindOf('/repo/.github/dependabot.yml', 'version: 2\n'), undefined);
  });

  it('recognises GitLab CI and compose files by name', () => {
    assert.equal(ruleKindOf('/repo/.gitlab-ci.yml', 'test:\n  script: [make]\n'), 'gitlab-ci');
    for (const name of [
      'compose.yml',
      'compose.yaml',
      'compose.prod.yml',
      'docker-compose.yml',
      'docker-compose.override.yaml',
      'Docker-Compose.yml',
    ]) {
      assert.equal(ruleKindOf(`/repo/${name}`, 'services: {}\n'), 'compose', name);
    }
    assert.equal(ruleKindOf('/repo/composer.json', '{}'), undefined);
  });

  it('recognises Kubernetes manifests by apiVersion and kind, multi-document files included', () => {
    assert.equal(ruleKindOf('/repo/k8s/deploy.yaml', MANIFEST), 'kubernetes');
    assert.equal(ruleKindOf('/repo/k8s/all.yml', `# config\nfoo: 1\n---\n${MANIFEST}`), 'kubernetes');
    assert.equal(ruleKindOf('/repo/k8s/quoted.yml', '"apiVersion": v1\n"kind": Service\n'), 'kubernetes');
    assert.equal(ruleKindOf('C:\\repo\\k8s\\deploy.yaml', MANIFEST), 'kubernetes', 'Windows separators are tolerated');
  });

  it('ignores YAML that is not a manifest, and a Chart.yaml', () => {
    assert.equal(ruleKindOf('/repo/config.yml', 'kind: Deployment\nreplicas: 2\n'), undefined, 'no apiVersion');
    assert.equal(ruleKindOf('/repo/chart/Chart.yaml', 'apiVersion: v2\nname: web\n'), undefined, 'no kind');
    assert.equal(ruleKindOf('/repo/list.yml', '- apiVersion: v1\n  kind: Pod\n'), undefined, 'not a top-level map');
    assert.equal(ruleKindOf('/repo/data.json', MANIFEST), undefined, 'not a YAML file name');
  });

  it('recognises a compose file named freely by its content: compose top-level keys only, services naming images or builds', () => {
    const compose = 'services:\n  web:\n    build: .\n    ports: ["8080:8080"]\n';
    assert.equal(ruleKindOf('/repo/deploy/prod.yml', compose), 'compose');
    assert.equal(
      ruleKindOf('/repo/stack.yml', `version: "3.9"\nx-logging: &logging\n  driver: json-file\n${compose}volumes:\n  data: {}\n`),
      'compose',
    );
    assert.equal(ruleKindOf('/repo/app.yml', `debug: true\n${compose}`), undefined, 'a key compose does not know');
    assert.equal(
      ruleKindOf('/repo/endpoints.yml', 'services:\n  auth:\n    url: https://auth\n'),
      undefined,
      'no key only a compose service has',
    );
    assert.equal(ruleKindOf('/repo/common.yml', 'services:\n  base:\n    restart: always\n'), 'compose', 'an extends: base');
    // The words a Kubernetes object needs, in a compose file: its tokens are read again after the Kubernetes check.
    assert.equal(
      ruleKindOf('/repo/deploy/prod.yml', 'services:\n  api:\n    image: acme/api:1\n    labels:\n      kind: api\n      apiVersion: v2\n'),
      'compose',
    );
    assert.equal(ruleKindOf('/repo/two.yml', `${compose}---\n${compose}`), undefined, 'compose files are one document');
    assert.equal(ruleKindOf('/repo/broken.yml', 'services:\n  web:\n    image: web\n]\n'), undefined, 'a syntax error');
    assert.equal(ruleKindOf('/repo/tpl.yml', 'services:\n  web:\n    image: {{ .Image }}\n'), undefined, 'a template');
  });

  it('skips the .stage.yml itself', () => {
    assert.equal(ruleKindOf('/repo/.stage.yml', 'apiVersion: v1\nkind: Pod\nstage: mvp\n'), undefined);
  });

  it('skips Helm templates quietly: next to a Chart.yaml, or with template actions YAML cannot read', () => {
    const chart = { isFile: (path: string) => path === '/repo/chart/Chart.yaml' };
    assert.equal(ruleKindOf('/repo/chart/templates/deploy.yaml', MANIFEST, chart), undefined);
    assert.equal(ruleKindOf('/repo/chart/templates/sub/deploy.yaml', MANIFEST, chart), undefined);
    assert.equal(ruleKindOf('/repo/other/templates/deploy.yaml', MANIFEST, chart), 'kubernetes', 'a templates folder without a chart');
    assert.equal(ruleKindOf('/repo/x/deploy.yaml', '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n'), undefined);
    assert.equal(ruleKindOf('/repo/x/deploy.yaml', `${MANIFEST}spec:\n  replicas: {{ .Values.replicas }}\n`), undefined);
    assert.equal(
      ruleKindOf('/repo/x/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  greeting: "{{ hello }}"\n'),
      'kubernetes',
      'braces in a string are fine',
    );
    const throwing = {
      isFile: () => {
        throw new Error('no access');
      },
    };
    assert.equal(ruleKindOf('/repo/chart/templates/deploy.yaml', MANIFEST, throwing), 'kubernetes');
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\u0000', ': : :', '---\n---\n', '[', 'apiVersion: [\nkind: {', '\t\tkind: x\napiVersion: y']) {
      assert.doesNotThrow(() => ruleKindOf('/repo/x.yml', text));
    }
  });
});
