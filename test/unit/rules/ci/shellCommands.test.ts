import { strict as assert } from 'node:assert';
import { findRemoteScriptExecution, runsTests } from '../../../../src/core/rules/ci/shellCommands';

describe('ci shell commands (shared by GitHub Actions and GitLab CI)', () => {
  describe('findRemoteScriptExecution', () => {
    const found = (script: string) => findRemoteScriptExecution(script).map((match) => match.text);

    it('finds download-and-execute forms', () => {
      assert.deepEqual(found('curl -fsSL https://x.sh | sh'), ['curl -fsSL https://x.sh | sh']);
      assert.deepEqual(found('wget -qO- https://x | sudo -E bash -s -- -y'), ['wget -qO- https://x | sudo -E bash']);
      assert.deepEqual(found('curl https://x | zsh'), ['curl https://x | zsh']);
      assert.deepEqual(found('cd /tmp && sudo curl -s https://x | sh'), ['sudo curl -s https://x | sh']);
      assert.deepEqual(found('echo start\n  curl -s https://x | sh'), ['curl -s https://x | sh']);
      assert.deepEqual(found('source <(curl -s https://x)'), ['source <(curl -s https://x)']);
      assert.deepEqual(found('sh -c "$(curl -fsSL https://x)"'), ['sh -c "$(curl -fsSL https://x)']);
      assert.deepEqual(found('curl "https://x?a=1&b=2" | bash'), ['curl "https://x?a=1&b=2" | bash']);
    });

    it('ignores downloads that are saved, parsed or unpacked', () => {
      assert.deepEqual(found('curl -o x.sh https://x && sh x.sh'), []);
      assert.deepEqual(found('curl -s https://x | jq .name'), []);
      assert.deepEqual(found('curl -sL https://x.tgz | tar xz'), []);
      assert.deepEqual(found('curl -s https://x | shasum -a 256'), []);
      assert.deepEqual(found('echo curl | sh'), []);
    });
  });

  describe('runsTests', () => {
    it('recognises common test commands', () => {
      for (const script of [
        'npm test',
        'npm run test:unit',
        'yarn test --ci',
        'pnpm run test',
        'pytest -q',
        'python -m pytest',
        'go test ./...',
        'mvn -B verify',
        './gradlew check',
        'cargo test --all',
        'dotnet test',
        'make lint test',
        'bundle exec rspec',
        'npx vitest run',
      ]) {
        assert.equal(runsTests(script), true, script);
      }
    });

    it('does not mistake builds and installs for tests', () => {
      for (const script of ['npm ci && npm run build', 'cargo build --release', 'mvn -B package -DskipTests', 'go build ./...', 'make', 'echo testing', 'pip install pytest-cov==5']) {
        assert.equal(runsTests(script), script === 'pip install pytest-cov==5', script);
      }
    });
  });
});
