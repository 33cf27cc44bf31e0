import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/** A service's manifests, infrastructure, CI fragment, settings, API description, docs and tooling configuration. */
export function serviceFiles(service: Service, random: Random): GeneratedFile[] {
  const dir = service.dir;
  const files: GeneratedFile[] = [
    ...manifests(service, random),
    [`${dir}/infra/main.tf`, terraformMain(service)],
    [`${dir}/infra/variables.tf`, TERRAFORM_VARIABLES],
    [`${dir}/infra/outputs.tf`, `output "service_url" {\n  value = "https://${service.name}.shop.example.com"\n}\n`],
    [`${dir}/${service.name}.gitlab-ci.yml`, gitlabFragment(service)],
    [`${dir}/config/default.yaml`, settings(service, random, 'development')],
    [`${dir}/config/production.yaml`, settings(service, random, 'production')],
    // The same in every service (copied from a template repository): a copy the scan can parse once.
    [`${dir}/config/test.yaml`, TEST_SETTINGS],
    [`${dir}/README.md`, readme(service)],
    [`${dir}/CHANGELOG.md`, changelog(service, random)],
    [`${dir}/Makefile`, makefile(service)],
    [
      `${dir}/.env.example`,
      `PORT=${service.port}\nLOG_LEVEL=info\n${service.database ? `DATABASE_URL=postgres://localhost:5432/${service.name}\n` : ''}`,
    ],
    [
      `${dir}/docs/runbook.md`,
      `# ${service.name} runbook\n\n## Alerts\n\n### HighErrorRate\n\nCheck the dashboard, then the last deploy.\n`,
    ],
  ];
  if (service.ownStageFile) files.push([`${dir}/.stage.yml`, `name: ${service.name}\nstage: ${random.pick(['mvp', 'production'])}\n`]);
  if (service.api) files.push([`${dir}/api/openapi.yaml`, openapi(service, random)]);
  if (service.database)
    for (let m = 0; m < random.int(3, 9); m++)
      files.push([`${dir}/migrations/${String(m + 1).padStart(4, '0')}_step_${m}.sql`, migration(m)]);
  if (service.language === 'go') files.push([`${dir}/.golangci.yml`, GOLANGCI]);
  if (service.language === 'node') files.push([`${dir}/.eslintrc.yml`, ESLINTRC]);
  if (service.language === 'python') files.push([`${dir}/.pre-commit-config.yaml`, PRE_COMMIT]);
  if (service.localized)
    for (const language of LANGUAGES) files.push([`${dir}/locales/${language}.yml`, locale(service, language, random)]);
  return files;
}

function manifests(service: Service, random: Random): GeneratedFile[] {
  const dir = service.dir;
  if (service.language === 'node')
    return [
      [
        `${dir}/package.json`,
        JSON.stringify(
          {
            name: `@shop/${service.name}`,
            version: `1.${service.index}.0`,
            private: true,
            scripts: { build: 'tsc -p .', dev: 'tsx watch src/server.ts', test: 'vitest run', lint: 'eslint .' },
            dependencies: {
              fastify: '^4.28.1',
              pino: '^9.3.1',
              ...(service.database ? { pg: '^8.12.0', kysely: '^0.27.4' } : {}),
              ...(random.chance(0.4) ? { '@opentelemetry/sdk-node': '^0.52.1', '@sentry/node': '^8.20.0' } : {}),
              zod: '^3.23.8',
            },
            devDependencies: { typescript: '^5.5.4', vitest: '^2.0.5', eslint: '^9.8.0', tsx: '^4.16.2' },
          },
          null,
          2,
        ) + '\n',
      ],
      [
        `${dir}/tsconfig.json`,
        '{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "outDir": "dist" },\n  "include": ["src"]\n}\n',
      ],
    ];
  if (service.language === 'go')
    return [
      [
        `${dir}/go.mod`,
        `module github.com/example/shop/${service.name}\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.1.0\n\tgo.uber.org/zap v1.27.0\n${service.database ? '\tgithub.com/jackc/pgx/v5 v5.6.0\n' : ''}\tgithub.com/prometheus/client_golang v1.19.1\n)\n`,
      ],
      [`${dir}/go.sum`, 'github.com/go-chi/chi/v5 v5.1.0 h1:acVI1TYaD+hhedDJ3r54HyA6sExp3HfXq7QWEEY/xMw=\n'],
    ];
  if (service.language === 'python')
    return [
      [
        `${dir}/requirements.txt`,
        `fastapi==0.111.1\nuvicorn[standard]==0.30.3\ngunicorn==22.0.0\nstructlog==24.4.0\n${service.database ? 'psycopg[binary]==3.2.1\nalembic==1.13.2\n' : ''}`,
      ],
      [
        `${dir}/pyproject.toml`,
        `[project]\nname = "${service.name}"\nversion = "1.${service.index}.0"\nrequires-python = ">=3.12"\n\n[tool.ruff]\nline-length = 120\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n`,
      ],
    ];
  return [
    [
      `${dir}/pom.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example.shop</groupId>\n  <artifactId>${service.name}</artifactId>\n  <version>1.${service.index}.0</version>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n    <dependency>\n      <groupId>io.micrometer</groupId>\n      <artifactId>micrometer-registry-prometheus</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n`,
    ],
  ];
}

function terraformMain(service: Service): string {
  const database = service.database
    ? `
resource "aws_db_instance" "${service.name.replace(/-/g, '_')}" {
  identifier          = "${service.name}"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = var.db_instance_class
  allocated_storage   = 20
  multi_az            = var.environment == "prod"
  storage_encrypted   = true
  deletion_protection = true
  backup_retention_period = 7
}
`
    : '';
  return `terraform {
  backend "s3" {
    bucket = "shop-terraform-state"
    key    = "services/${service.name}/terraform.tfstate"
    region = "eu-west-1"
  }
}

resource "aws_ecr_repository" "${service.name.replace(/-/g, '_')}" {
  name                 = "shop/${service.name}"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
${database}`;
}

const TERRAFORM_VARIABLES = `variable "environment" {
  type = string
}

variable "db_instance_class" {
  type    = string
  default = "db.t4g.medium"
}
`;

function gitlabFragment(service: Service): string {
  return `# Included by the root .gitlab-ci.yml (mirror of the GitHub workflows).
${service.name}:test:
  stage: test
  image: ${service.language === 'go' ? 'golang:1.22' : service.language === 'python' ? 'python:3.12' : service.language === 'java' ? 'maven:3.9-eclipse-temurin-21' : 'node:20'}
  rules:
    - changes:
        - ${service.dir}/**/*
  script:
    - cd ${service.dir}
    - make test

${service.name}:build:
  stage: build
  image: docker:27.1
  services:
    - docker:27.1-dind
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      changes:
        - ${service.dir}/**/*
  script:
    - docker build --target runtime -t $CI_REGISTRY_IMAGE/${service.name}:$CI_COMMIT_SHORT_SHA ${service.dir}
    - docker push $CI_REGISTRY_IMAGE/${service.name}:$CI_COMMIT_SHORT_SHA
`;
}

function settings(service: Service, random: Random, environment: string): string {
  const lines = [`# ${service.name} settings (${environment})`, 'server:', `  port: ${service.port}`, '  shutdownTimeout: 25s', 'log:'];
  lines.push(`  level: ${environment === 'production' ? 'info' : 'debug'}`, '  format: json', 'features:');
  for (let i = 0; i < random.int(5, 30); i++) lines.push(`  flag_${i}: ${random.chance(0.5)}`);
  lines.push('clients:');
  for (let i = 0; i < random.int(1, 6); i++)
    lines.push(`  upstream_${i}:`, `    url: http://svc-${i}.shop.svc.cluster.local`, '    timeout: 2s', '    retries: 3');
  return `${lines.join('\n')}\n`;
}

const TEST_SETTINGS = `server:
  port: 0
log:
  level: warn
database:
  url: postgres://test:test@localhost:5432/test
`;

function openapi(service: Service, random: Random): string {
  const lines = [
    'openapi: 3.0.3',
    'info:',
    `  title: ${service.name}`,
    `  version: 1.${service.index}.0`,
    'servers:',
    '  - url: /v1',
    'paths:',
  ];
  for (let i = 0; i < random.int(4, 25); i++) {
    lines.push(
      `  /items-${i}:`,
      '    get:',
      `      operationId: listItems${i}`,
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema:',
      `                $ref: '#/components/schemas/Item${i}'`,
    );
  }
  lines.push('components:', '  schemas:');
  for (let i = 0; i < 4; i++) lines.push(`    Item${i}:`, '      type: object', '      properties:', '        id: { type: string }');
  return `${lines.join('\n')}\n`;
}

function readme(service: Service): string {
  return `# ${service.name}\n\nPart of the shop platform.\n\n## Getting started\n\n\`\`\`sh\ndocker compose up\n\`\`\`\n\n## Deploy\n\nMerges to main deploy with \`kubectl apply -k deploy/k8s/overlays/prod\`.\n`;
}

function changelog(service: Service, random: Random): string {
  const lines = [`# Changelog of ${service.name}`, ''];
  for (let i = random.int(5, 40); i > 0; i--) lines.push(`## 1.${i}.0`, '', `- Change number ${i} of ${service.name}.`, '');
  return lines.join('\n');
}

function makefile(service: Service): string {
  return `.PHONY: dev test build deploy
dev:
\tdocker compose up --build
test:
\t${service.language === 'go' ? 'go test ./...' : service.language === 'python' ? 'pytest -q' : service.language === 'java' ? 'mvn -B test' : 'npm test'}
build:
\tdocker build --target runtime -t registry.example.com/shop/${service.name}:$(TAG) .
deploy:
\tdocker compose -f compose.yaml -f compose.prod.yaml up -d
`;
}

function migration(m: number): string {
  return `CREATE TABLE IF NOT EXISTS table_${m} (\n  id bigserial PRIMARY KEY,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\nCREATE INDEX IF NOT EXISTS table_${m}_created_at ON table_${m} (created_at);\n`;
}

const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'ja', 'ko'];

function locale(_service: Service, language: string, random: Random): string {
  const lines = [`${language}:`];
  for (let section = 0; section < random.int(3, 8); section++) {
    lines.push(`  section_${section}:`);
    for (let key = 0; key < random.int(5, 25); key++) lines.push(`    key_${key}: "Text ${key} of section ${section} (${language})"`);
  }
  return `${lines.join('\n')}\n`;
}

const GOLANGCI = `run:
  timeout: 5m
linters:
  enable:
    - errcheck
    - gosimple
    - govet
    - ineffassign
    - staticcheck
    - revive
    - gosec
linters-settings:
  revive:
    rules:
      - name: exported
`;

const ESLINTRC = `root: true
parser: "@typescript-eslint/parser"
plugins:
  - "@typescript-eslint"
extends:
  - eslint:recommended
  - plugin:@typescript-eslint/recommended
env:
  node: true
  es2022: true
`;

const PRE_COMMIT = `repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.5.5
    hooks:
      - id: ruff
      - id: ruff-format
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: trailing-whitespace
      - id: end-of-file-fixer
`;
