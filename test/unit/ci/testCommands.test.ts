import * as assert from 'node:assert/strict';
import { findTestCommand, lineInScript } from '../../../src/core/ci/testCommands';

describe('ci: test commands (tokenized scripts)', () => {
  it('recognises the test commands of every common ecosystem', () => {
    for (const script of [
      'npm test',
      'npm t',
      'npm run test:unit',
      'npm run-script test-ci',
      'npm cit',
      'yarn test --ci',
      'yarn run test:e2e',
      'yarn jest --coverage',
      'pnpm test',
      'pnpm -r test',
      'pnpm --filter api run test',
      'pnpm exec vitest run',
      'bun test',
      'npx vitest run',
      'npx --yes jest',
      'make test',
      'make -C services/api lint test',
      'make check',
      'just test',
      'scripts/test.sh',
      './scripts/run-tests.sh --ci',
      'bash scripts/test.sh',
      'sh ./ci/unit-tests.sh',
      'pytest -q',
      'python -m pytest tests/',
      'python3 -m unittest discover',
      'uv run pytest',
      'uv run --frozen --group dev pytest -x',
      'uvx --with tox-uv tox -e py312',
      'poetry run pytest',
      'pipenv run pytest',
      'hatch run test',
      'hatch test',
      'coverage run -m pytest',
      'python manage.py test',
      'tox',
      'tox -e py311,py312',
      'nox -s tests',
      'go test ./...',
      'gotestsum --format short -- ./...',
      'cargo test --all',
      'cargo nextest run',
      'mvn -B verify',
      './mvnw test',
      'mvn -B package',
      './gradlew check',
      'gradle test',
      './gradlew :app:test',
      'dotnet test --no-build',
      'docker compose run --rm api npm test',
      'docker compose -f compose.yaml -f compose.test.yaml run tests',
      'docker-compose run web pytest',
      'docker compose up --exit-code-from tests',
      'bundle exec rspec',
      'bundle exec rake test',
      'rails test',
      'php artisan test',
      'vendor/bin/phpunit',
      'mix test',
      'flutter test',
      'deno test -A',
      'node --test',
      'npx playwright test',
      'npx cypress run',
      'sbt +test',
      'ctest --output-on-failure',
      'xvfb-run -a npm test',
      'timeout 10m go test ./...',
      'CI=true npm test',
      'sudo -E make test',
      'time cargo test',
      'env RUST_BACKTRACE=1 cargo test',
      'npm ci && npm test',
      'if [ -f package.json ]; then npm test; fi',
      'bash -c "npm ci && npm test"',
      'npm ci\nnpm run build\nnpm test -- --reporter=dot\n',
    ]) {
      assert.notEqual(findTestCommand(script), undefined, script);
    }
  });

  it('does not count printed, quoted or commented text, builds, installs, lint sessions or skipped tests', () => {
    for (const script of [
      'echo npm test',
      'echo "run npm test before you push"',
      'printf "%s\\n" "make test"',
      "echo 'pytest' > tests.txt",
      '# npm test',
      'npm ci && npm run build',
      'npm install --save-dev jest',
      'pip install pytest pytest-cov==5',
      'uv pip install pytest',
      'cargo build --release',
      'mvn -B package -DskipTests',
      'mvn -B deploy -Dmaven.test.skip=true',
      './gradlew build -x test',
      'go build ./...',
      'go vet ./...',
      'make',
      'make build lint',
      'tox -e lint',
      'uvx --with tox-uv tox -e lint-opentelemetry-test-utils',
      'nox -s docs',
      'docker build -t app:test .',
      'npm run lint',
      'yarn build',
      'ruff check .',
      'git commit -m "npm test passes"',
      'cat test-results.xml',
      './scripts/latest.sh',
    ]) {
      assert.equal(findTestCommand(script), undefined, script);
    }
  });

  it('says which command runs the tests and on which line of the script', () => {
    const script = 'echo "::group::tests"\nnpm ci\nCI=1 npm test -- --reporter=dot\n';
    const found = findTestCommand(script);
    assert.ok(found);
    assert.equal(found.command, 'npm test -- --reporter=dot');
    assert.equal(lineInScript(script, found), 2);
  });
});
