// When the extension wakes up (package.json activationEvents): in workspaces holding a file kind
// it reads or a .stage.yml, and when a Dockerfile is opened — not for every YAML file anywhere.
// workspaceContains globs are matched here with minimatch, which reads these patterns (`**`,
// `*`, `{a,b}`) as VS Code's glob does.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';

const manifest = JSON.parse(readFileSync(join(resolve(__dirname, '..', '..'), 'package.json'), 'utf8')) as { activationEvents: string[] };
const events = manifest.activationEvents;
const globs = events.filter((event) => event.startsWith('workspaceContains:')).map((event) => event.slice('workspaceContains:'.length));
const wakesFor = (path: string) => globs.some((glob) => minimatch(path, glob, { dot: true }));

describe('activation events', () => {
  it('never wake the extension for any YAML file or at start-up', () => {
    assert.deepEqual(
      events.filter((event) => event === '*' || event === 'onStartupFinished' || event === 'onLanguage:yaml'),
      [],
    );
    assert.ok(events.includes('onLanguage:dockerfile'));
  });

  it('wake it in a workspace holding a .stage.yml or a config file kind it reads', () => {
    for (const path of [
      '.stage.yml',
      'services/api/.stage.yml',
      'Dockerfile',
      'api/Dockerfile',
      'Containerfile',
      'api/Dockerfile.prod',
      'build/api.Dockerfile',
      'compose.yaml',
      'deploy/docker-compose.yml',
      'docker-compose.override.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/release.yaml',
      '.gitlab-ci.yml',
      'k8s/deployment.yaml',
      'infra/kubernetes/base/service.yml',
      'charts/api/values.yaml',
      'overlays/prod/kustomization.yaml',
    ]) {
      assert.ok(wakesFor(path), `${path} wakes the extension`);
    }
  });

  it('leave it asleep in a workspace with only other YAML and files', () => {
    for (const path of [
      'config/settings.yaml',
      'openapi.yaml',
      '.prettierrc.yml',
      'mkdocs.yml',
      'package.json',
      'src/index.ts',
      'docs/workflows/ci.yml',
    ]) {
      assert.equal(wakesFor(path), false, `${path} does not wake the extension`);
    }
  });
});
