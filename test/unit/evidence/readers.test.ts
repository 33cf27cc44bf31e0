import assert from 'node:assert/strict';
import type { EvidenceFacts } from '../../../src/core/evidence/facts';
import { factsOf, ROOT } from './support/scan';

const deps = (facts: EvidenceFacts, ecosystem: string) =>
  facts.dependencies
    .filter((dependency) => dependency.ecosystem === ecosystem)
    .map((dependency) => `${dependency.name}@${(dependency.at.line ?? -1) + 1}`);
const settings = (facts: EvidenceFacts, what: string) =>
  facts.settings.filter((setting) => setting.what === what).map((setting) => setting.value);

describe('evidence: readers', () => {
  describe('dependency manifests', () => {
    it('package.json: dependencies and devDependencies with lines, scripts, engines, renovate', async () => {
      const facts = await factsOf({
        'package.json': JSON.stringify(
          {
            scripts: { test: 'vitest run' },
            engines: { node: '20.x' },
            dependencies: { pino: '^9' },
            devDependencies: { '@sentry/node': '^8' },
            renovate: { extends: ['config:recommended'] },
          },
          null,
          2,
        ),
      });
      assert.deepEqual(deps(facts, 'npm'), ['pino@9', '@sentry/node@12']);
      assert.deepEqual(settings(facts, 'npm-script:test'), ['vitest run']);
      assert.deepEqual(settings(facts, 'runtime-pin'), ['engines.node 20.x']);
      assert.deepEqual(settings(facts, 'renovate-config'), ['package.json "renovate"']);
    });

    it('requirements*.txt: PEP 503 names, comments and options skipped, full == pinning noticed', async () => {
      const facts = await factsOf({
        'requirements.txt': '# app\nDjango==5.0.6\nstructlog[dev]==24.1.0 ; python_version >= "3.11"\n-r base.txt\n',
        'requirements-dev.txt': 'pytest>=8\nZope.Interface\n',
      });
      assert.deepEqual(deps(facts, 'pypi'), ['pytest@1', 'zope-interface@2', 'django@2', 'structlog@3']);
      assert.deepEqual(settings(facts, 'requirements-pinned'), ['requirements.txt pins all 2 requirements']);
    });

    it('pyproject.toml: PEP 621, optional and dependency groups, Poetry; requires-python and pytest config', async () => {
      const facts = await factsOf({
        'pyproject.toml': [
          '[project]',
          'requires-python = ">=3.12"',
          'dependencies = ["FastAPI>=0.1", "sqlalchemy"]',
          '[project.optional-dependencies]',
          'otel = ["opentelemetry-sdk"]',
          '[dependency-groups]',
          'dev = ["pytest"]',
          '[tool.poetry.dependencies]',
          'python = "^3.12"',
          'redis = "^5"',
          '[tool.pytest.ini_options]',
          'testpaths = ["tests"]',
        ].join('\n'),
      });
      assert.deepEqual(deps(facts, 'pypi'), ['fastapi@3', 'sqlalchemy@3', 'opentelemetry-sdk@5', 'pytest@7', 'redis@10']);
      assert.deepEqual(settings(facts, 'runtime-pin'), [], 'a lower bound and a caret over minors let Python drift');
      const pinned = await factsOf({
        'pyproject.toml': '[project]\nrequires-python = "==3.12.*"\n[tool.poetry.dependencies]\npython = "~3.12"\n',
      });
      assert.deepEqual(settings(pinned, 'runtime-pin'), ['python ==3.12.*', 'python ~3.12']);
      assert.deepEqual(settings(facts, 'pytest-config'), ['[tool.pytest.ini_options]']);
    });

    it('Pipfile: packages and dev-packages', async () => {
      const facts = await factsOf({
        Pipfile: '[packages]\nflask = "*"\n[dev-packages]\npytest = "*"\n[requires]\npython_version = "3.12"\n',
      });
      assert.deepEqual(deps(facts, 'pypi'), ['flask@2', 'pytest@4']);
      assert.deepEqual(settings(facts, 'runtime-pin'), ['python 3.12']);
    });

    it('go.mod: direct requirements only, and the go directive', async () => {
      const facts = await factsOf({
        'go.mod':
          'module example.com/x\n\ngo 1.22.3\n\nrequire go.uber.org/zap v1.27.0\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.6.0\n\tgolang.org/x/sys v0.20.0 // indirect\n)\n',
      });
      assert.deepEqual(deps(facts, 'go'), ['go.uber.org/zap@5', 'github.com/jackc/pgx/v5@8']);
      assert.deepEqual(settings(facts, 'runtime-pin'), ['go 1.22.3']);
    });

    it('pom.xml: parent, dependencies and plugins as group:artifact; java.version', async () => {
      const facts = await factsOf({
        'pom.xml':
          '<project>\n<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>\n<properties><java.version>21</java.version></properties>\n<dependencies>\n<dependency>\n<groupId>io.micrometer</groupId>\n<artifactId>micrometer-registry-prometheus</artifactId>\n</dependency>\n</dependencies>\n<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId></plugin></plugins></build>\n</project>\n',
      });
      assert.deepEqual(deps(facts, 'maven'), [
        'org.springframework.boot:spring-boot-starter-parent@2',
        'io.micrometer:micrometer-registry-prometheus@5',
        'org.apache.maven.plugins:maven-surefire-plugin@10',
      ]);
      assert.deepEqual(settings(facts, 'runtime-pin'), ['java.version 21']);
    });

    it('build.gradle(.kts) and the version catalog: coordinates from string literals only', async () => {
      const facts = await factsOf({
        'build.gradle.kts':
          'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n  // implementation("commented:out:1")\n  testImplementation(platform("org.junit:junit-bom:5.10.2"))\n}\njava { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n',
        'gradle/libs.versions.toml':
          '[libraries]\nsentry = { module = "io.sentry:sentry", version = "7.0.0" }\nflyway = "org.flywaydb:flyway-core:10.0.0"\n',
      });
      assert.deepEqual(
        deps(facts, 'maven').sort(),
        [
          'io.sentry:sentry@2',
          'org.flywaydb:flyway-core@3',
          'org.junit:junit-bom@4',
          'org.springframework.boot:spring-boot-starter-web@2',
        ].sort(),
      );
      assert.deepEqual(settings(facts, 'runtime-pin'), ['java 21']);
    });

    it('Gemfile, Cargo.toml and composer.json', async () => {
      const facts = await factsOf({
        Gemfile: "source 'https://rubygems.org'\nruby '3.3.1'\ngem 'rails', '~> 7.1'\ngem \"sidekiq\"\n",
        'Cargo.toml':
          '[package]\nname = "x"\nrust-version = "1.78"\n[dependencies]\naxum = "0.7"\n[dev-dependencies]\ntestcontainers = "0.20"\n',
        'composer.json': JSON.stringify(
          { require: { php: '^8.3', 'ext-json': '*', 'laravel/framework': '^11' }, 'require-dev': { 'phpunit/phpunit': '^11' } },
          null,
          1,
        ),
      });
      assert.deepEqual(deps(facts, 'rubygems'), ['rails@3', 'sidekiq@4']);
      assert.deepEqual(deps(facts, 'cargo'), ['axum@5', 'testcontainers@7']);
      assert.deepEqual(deps(facts, 'composer'), ['laravel/framework@5', 'phpunit/phpunit@8']);
      assert.deepEqual(settings(facts, 'runtime-pin').sort(), ['ruby 3.3.1', 'rust 1.78'], 'php ^8.3 allows every 8.x');
      const php = await factsOf({ 'composer.json': JSON.stringify({ require: { php: '~8.3.0' } }) });
      assert.deepEqual(settings(php, 'runtime-pin'), ['php ~8.3.0']);
    });
  });

  describe('container and deploy files', () => {
    it('Dockerfile: stages, aliases, last USER per stage, final HEALTHCHECK, base images', async () => {
      const facts = await factsOf({
        'api.Dockerfile':
          'FROM golang:1.22 AS build\nUSER root\nRUN go build\n\nFROM build AS test\n\nFROM gcr.io/distroless/static:nonroot\nUSER 65532\nHEALTHCHECK NONE\n',
      });
      const [dockerfile] = facts.dockerfiles;
      assert.deepEqual(
        dockerfile.stages.map((stage) => [stage.image, stage.alias, stage.user?.value]),
        [
          ['golang:1.22', 'build', 'root'],
          ['build', 'test', undefined],
          ['gcr.io/distroless/static:nonroot', undefined, '65532'],
        ],
      );
      assert.deepEqual(dockerfile.healthcheck, { line: 8, none: true });
      assert.deepEqual(
        facts.images.map((image) => image.image),
        ['golang:1.22', 'gcr.io/distroless/static:nonroot'],
        'FROM an earlier stage is not an image',
      );
    });

    it('compose: services with build, restart, healthcheck, environment (map and list) and command', async () => {
      const facts = await factsOf({
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    restart: unless-stopped\n    environment:\n      - DATABASE_URL=postgres://x\n    healthcheck:\n      test: ["CMD", "true"]\n  db:\n    image: postgres:16\n    command: ["postgres", "-c", "shared_preload_libraries=pg_stat_statements"]\n    environment:\n      POSTGRES_USER: x\n',
      });
      const [compose] = facts.compose;
      assert.deepEqual(
        compose.services.map((service) => [
          service.name,
          service.built,
          service.restart?.value,
          Boolean(service.healthcheck),
          service.environment.map((variable) => variable.key),
        ]),
        [
          ['api', true, 'unless-stopped', true, ['DATABASE_URL']],
          ['db', false, undefined, false, ['POSTGRES_USER']],
        ],
      );
      assert.match(compose.services[1].command!.text, /pg_stat_statements/);
      assert.deepEqual(
        facts.images.map((image) => `${image.image}@${image.at.line! + 1}`),
        ['postgres:16@10'],
      );
    });

    it('Kubernetes: every document with apiVersion and kind, its name, and container images', async () => {
      const facts = await factsOf({
        'deploy/app.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: app:1.0\n      containers:\n        - name: api\n          image: app:1.0\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\n',
      });
      assert.deepEqual(
        facts.resources.map((resource) => `${resource.kind}/${resource.name}@${resource.at.line! + 1}`),
        ['Deployment/api@2', 'PodDisruptionBudget/api@16'],
      );
      assert.deepEqual(
        facts.images.map((image) => image.at.line! + 1),
        [10, 13],
      );
    });

    it('skips Helm templates (Go templates under templates/) but reads Chart.yaml dependencies', async () => {
      const facts = await factsOf({
        'chart/Chart.yaml': 'apiVersion: v2\nname: app\ndependencies:\n  - name: redis\n    version: 19.x\n',
        'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      });
      assert.deepEqual(facts.resources, []);
      assert.deepEqual(
        facts.charts.map((chart) => chart.name),
        ['redis'],
      );
    });

    it('Terraform: blocks of every *.tf file', async () => {
      const facts = await factsOf({ 'infra/db.tf': 'resource "aws_db_instance" "main" {\n  multi_az = true\n}\n' });
      assert.deepEqual(
        facts.terraform.map((file) => file.blocks.map((block) => `${block.type} ${block.labels.join('.')}`)),
        [['resource aws_db_instance.main']],
      );
    });
  });

  describe('CI configuration', () => {
    it('GitHub Actions: triggers, run commands with lines, actions with inputs, services, environment', async () => {
      const facts = await factsOf({
        '.github/workflows/ci.yml':
          'on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  test:\n    services:\n      db:\n        image: postgres:16\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npm test\n  deploy:\n    environment: production\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          tags: app:${{ github.sha }}\n',
      });
      const [ci] = facts.ci;
      const [test, deploy] = ci.jobs;
      assert.deepEqual([test.onPush, test.onPullRequest, test.onMainPush, test.onTags], [true, true, true, false]);
      assert.deepEqual(
        test.commands.map((command) => command.line + 1),
        [12],
      );
      assert.deepEqual(
        test.services.map((service) => service.image),
        ['postgres:16'],
      );
      assert.deepEqual(deploy.environment, { name: 'production', line: 15 });
      assert.match(deploy.actions[0].inputs, /github\.sha/);
    });

    it('GitHub Actions: a tags-only push is not a branch push; branches-ignore main excludes main', async () => {
      const facts = await factsOf({
        '.github/workflows/release.yml': 'on:\n  push:\n    tags: ["v*"]\njobs:\n  r:\n    steps:\n      - run: make release\n',
        '.github/workflows/side.yml': 'on:\n  push:\n    branches-ignore: [main]\njobs:\n  s:\n    steps:\n      - run: make\n',
      });
      const byFile = Object.fromEntries(facts.ci.map((ci) => [ci.path.split('/').pop(), ci.jobs[0]]));
      assert.deepEqual([byFile['release.yml'].onPush, byFile['release.yml'].onTags], [false, true]);
      assert.deepEqual([byFile['side.yml'].onPush, byFile['side.yml'].onMainPush], [true, false]);
    });

    it('GitLab CI: jobs with extends, default image, services, rules, manual jobs and template includes', async () => {
      const facts = await factsOf({
        '.gitlab-ci.yml':
          'include:\n  - template: Security/Dependency-Scanning.gitlab-ci.yml\nimage: node:20\n.base:\n  before_script:\n    - npm ci\ntest:\n  extends: .base\n  services:\n    - postgres:16\n  script:\n    - npm test\ndeploy:\n  script:\n    - kubectl apply -f k8s/\n  environment: production\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\nrollback:\n  when: manual\n  script:\n    - kubectl rollout undo deployment/app\n',
      });
      const jobs = Object.fromEntries(facts.ci[0].jobs.map((job) => [job.name, job]));
      assert.deepEqual(
        jobs['(include)'].actions.map((action) => action.uses),
        ['template:Security/Dependency-Scanning.gitlab-ci.yml'],
      );
      assert.deepEqual(
        jobs.test.commands.map((command) => command.text),
        ['npm ci', 'npm test'],
      );
      assert.deepEqual(
        jobs.test.services.map((service) => service.image),
        ['postgres:16'],
      );
      assert.deepEqual([jobs.deploy.onMainPush, jobs.deploy.environment?.name], [true, 'production']);
      assert.deepEqual([jobs.rollback.onPush, jobs.rollback.onMainPush], [false, false]);
      assert.ok(facts.images.some((image) => image.image === 'node:20' && image.source === 'ci'));
    });

    it('dependabot.yml: each update entry as ecosystem and directory', async () => {
      const facts = await factsOf({
        '.github/dependabot.yml':
          'version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /services/api\n  - package-ecosystem: npm\n    directories: ["/web/*"]\n',
      });
      assert.deepEqual(settings(facts, 'dependabot-directory'), ['gomod /services/api', 'npm /web/*']);
    });
  });

  describe('documents and well-known files', () => {
    it('README headings (ATX and setext, not in code fences), at the service root only', async () => {
      const facts = await factsOf({
        'README.md': '# App\n\n```sh\n# not a heading\n```\n\nGetting started\n---------------\n',
        'docs/README.md': '# Elsewhere\n',
      });
      assert.deepEqual(
        facts.headings.map((heading) => `${heading.line + 1} ${heading.text}`),
        ['1 App', '7 Getting started'],
      );
    });

    it('CODEOWNERS rules with owners (comments and sections skipped)', async () => {
      const facts = await factsOf({ '.github/CODEOWNERS': '# owners\n[Backend]\n*  @org/all  # everyone\n/api/ @org/api\n' });
      assert.deepEqual(facts.codeowners[0].rules, [
        { pattern: '*', owners: ['@org/all'], line: 2 },
        { pattern: '/api/', owners: ['@org/api'], line: 3 },
      ]);
    });

    it('Makefile targets, .env.example keys, proto packages and indexes in migrations', async () => {
      const facts = await factsOf({
        Makefile: 'VAR := 1\ntest: build\n\tgo test ./...\nlint:\n\tgolangci-lint run\n',
        '.env.example': 'export DATABASE_URL=postgres://x\n# COMMENT=1\nPORT=8080\n',
        'api/orders/v1/orders.proto': 'syntax = "proto3";\npackage acme.orders.v1;\n',
        'db/migrate/20240101_add_index.rb':
          'class AddIndex < ActiveRecord::Migration[7.1]\n  def change\n    add_index :orders, :customer_id\n  end\nend\n',
        'migrations/001.sql': 'CREATE TABLE t (id int);\n',
      });
      assert.deepEqual(
        facts.settings.filter((setting) => setting.what.startsWith('make-target:')).map((setting) => setting.what),
        ['make-target:test', 'make-target:lint'],
      );
      assert.deepEqual(settings(facts, 'env-key'), ['DATABASE_URL', 'PORT']);
      assert.deepEqual(facts.hits.map((hit) => `${hit.what}@${hit.at.path.replace(`${ROOT}/`, '')}:${hit.at.line! + 1}`).sort(), [
        'migration-index@db/migrate/20240101_add_index.rb:3',
        'proto-package:acme.orders.v1@api/orders/v1/orders.proto:2',
      ]);
    });
  });
});
