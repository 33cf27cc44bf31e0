import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic monorepo for the scan benchmark: 100,000 files at realistic
 * depth — 50,000 of them in node_modules (ignored by .gitignore and never
 * walked), the rest source, tests, docs and a few hundred files the
 * detectors actually read (manifests, Dockerfiles, CI, Kubernetes,
 * Terraform, migrations). Deterministic: the same tree on every run.
 */
export interface GeneratedWorkspace {
  root: string;
  files: number;
  nodeModulesFiles: number;
  relevantFiles: number;
}

const SERVICES = 25;
const NODE_MODULES_FILES = 50_000;
const TOTAL_FILES = 100_000;

export function generateWorkspace(root: string): GeneratedWorkspace {
  let files = 0;
  let relevant = 0;
  const write = (path: string, text: string, isRelevant = false) => {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
    files++;
    if (isRelevant) relevant++;
  };

  mkdirSync(join(root, '.git'), { recursive: true });
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n*.log\n.env\n');
  write('.stage.yml', 'name: bench-monorepo\nstage: production\n', true);
  write('README.md', '# Bench monorepo\n\n## Getting started\n\nnpm ci\n', true);
  write('.github/workflows/ci.yml', workflow(), true);
  write(
    '.github/dependabot.yml',
    'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n',
    true,
  );
  write('package-lock.json', '{"lockfileVersion":3,"packages":{}}\n', true);

  // node_modules: 1,000 packages of 50 files, three levels deep.
  for (let pkg = 0; files < NODE_MODULES_FILES + 10; pkg++) {
    const base = `node_modules/${pkg % 7 === 0 ? `@scope${pkg % 13}/` : ''}pkg-${pkg}`;
    write(`${base}/package.json`, `{"name":"pkg-${pkg}","version":"1.0.${pkg}"}\n`);
    for (let i = 0; i < 49; i++)
      write(`${base}/${i < 20 ? 'lib' : i < 40 ? 'lib/internal' : 'dist/esm'}/file-${i}.js`, `module.exports = ${i};\n`);
  }
  const nodeModulesFiles = files;

  for (let s = 0; s < SERVICES; s++) {
    const service = `services/svc-${s}`;
    write(`${service}/package.json`, packageJson(s), true);
    write(`${service}/Dockerfile`, dockerfile(), true);
    write(`${service}/compose.yaml`, 'services:\n  app:\n    build: .\n    restart: unless-stopped\n', true);
    write(`${service}/deploy/deployment.yaml`, deployment(s), true);
    write(
      `${service}/deploy/service.yaml`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${s}\nspec:\n  selector:\n    app: svc-${s}\n  ports:\n    - port: 80\n`,
      true,
    );
    write(
      `${service}/openapi.yaml`,
      `openapi: 3.0.3\ninfo:\n  title: svc-${s}\n  version: 1.0.0\npaths:\n  /v1/items:\n    get:\n      responses:\n        '200':\n          description: ok\n`,
      true,
    );
    for (let m = 0; m < 4; m++)
      write(`${service}/migrations/00${m}_step.sql`, `CREATE TABLE t${m} (id int);\nCREATE INDEX t${m}_id ON t${m} (id);\n`, true);
    write(`${service}/infra/main.tf`, terraform(s), true);
  }

  // Source, tests and docs at depth 4–7 until the total is reached.
  let n = 0;
  while (files < TOTAL_FILES) {
    const s = n % SERVICES;
    const area = [
      'src/domain',
      'src/api/handlers',
      'src/infra/db/queries',
      'test/unit/domain',
      'docs/guides/how-to',
      'src/shared/util/text',
    ][n % 6];
    const bucket = Math.floor(n / 60) % 40;
    const ext = area.startsWith('docs') ? 'md' : area.startsWith('test') ? 'test.ts' : 'ts';
    write(`services/svc-${s}/${area}/part-${bucket}/file-${n}.${ext}`, `export const value${n} = ${n};\n`);
    if (n % 997 === 0) write(`services/svc-${s}/dist/bundle-${n}.js`, '/* build output, ignored */\n');
    n++;
  }
  return { root, files, nodeModulesFiles, relevantFiles: relevant };
}

function packageJson(s: number): string {
  return JSON.stringify(
    {
      name: `svc-${s}`,
      version: '1.0.0',
      scripts: { test: 'node --test' },
      dependencies: { fastify: '^4.28.1', pino: '^9.3.1', pg: '^8.12.0', zod: '^3.23.8' },
    },
    null,
    2,
  );
}

function dockerfile(): string {
  return 'FROM node:20.15.1-slim AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20.15.1-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n';
}

function deployment(s: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${s}
  namespace: bench
spec:
  replicas: 2
  selector:
    matchLabels:
      app: svc-${s}
  template:
    metadata:
      labels:
        app: svc-${s}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/svc-${s}:1.0.0
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
`;
}

function terraform(s: number): string {
  return `resource "aws_db_instance" "svc_${s}" {
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  multi_az          = true
  storage_encrypted = true
}
`;
}

function workflow(): string {
  return `name: ci
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-24.04
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - run: npm ci
      - run: npm test
`;
}
