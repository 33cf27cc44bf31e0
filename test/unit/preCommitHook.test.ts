// The pre-commit hook (.pre-commit-hooks.yaml): what it matches, and its entry run as
// pre-commit runs it — the installed bin, with the staged file names appended — through the
// built CLI bundle (the bin pre-commit installs from `npm pack`).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '..', '..');

interface Hook {
  id: string;
  language: string;
  entry: string;
  files: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((candidate) => candidate.id === 'stage-guide');

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it("is a node hook that runs the package's stage-guide bin with the staged files", () => {
    assert.ok(hook, 'a hook with id stage-guide');
    assert.equal(hook.language, 'node');
    assert.notEqual(hook.pass_filenames, false, 'the staged files are passed');
    assert.match(hook.entry, /^stage-guide check\b/);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    assert.ok(manifest.bin['stage-guide'], 'package.json names the bin');
    assert.ok(manifest.scripts.prepack, 'npm pack (which pre-commit runs) builds the bundle the bin points to');
  });

  it('matches the file kinds Stage Guide reads and .stage.yml, not other files', () => {
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
    const pattern = new RegExp(hook!.files);
    for (const path of [
      'Dockerfile',
      'api/Dockerfile.prod',
      'Containerfile',
      'build/api.Dockerfile',
      'compose.yaml',
      'docker-compose.yml',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      'k8s/deployment.yaml',
      '.stage.yml',
      'services/a/.stage.yml',
    ]) {
      assert.ok(pattern.test(path), `${path} is checked`);
    }
    for (const path of ['README.md', 'src/index.ts', 'Dockerfiles/notes.txt', 'package.json']) {
      assert.equal(pattern.test(path), false, `${path} is not`);
    }
  });

  it('its entry fails the commit on a due warning in a staged file and passes a clean one', function () {
    this.timeout(60_000);
    const cli = join(repoRoot, 'dist', 'cli.js');
    assert.ok(existsSync(cli), 'run `npm run build` first: dist/cli.js is missing');
    const repo = join(mkdtempSync(join(tmpdir(), 'stage-guide-hook-')), 'repo');
    try {
      cpSync(join(repoRoot, 'examples', 'node-service-mvp'), repo, { recursive: true });
      spawnSync('git', ['init', '-q'], { cwd: repo });
      const [command, ...args] = hook!.entry.split(' ');
      assert.equal(command, 'stage-guide');
      const run = (...files: string[]) =>
        spawnSync(process.execPath, [cli, ...args, ...files], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

      const failing = run('compose.yaml', '.stage.yml');
      assert.equal(failing.status, 1, failing.stdout + failing.stderr);
      assert.match(failing.stdout, /compose\/database-port-exposed/);
      assert.doesNotMatch(failing.stdout, /Dockerfile/, 'only the staged files are reported');

      const passing = run('openapi.yaml');
      assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    } finally {
      rmSync(resolve(repo, '..'), { recursive: true, force: true });
    }
  });
});
