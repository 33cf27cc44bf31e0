import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/**
 * The files at the top of the monorepo: GitHub workflows (CI per service, a
 * deploy workflow chaining compose files with `-f`), a GitLab pipeline that
 * includes every service's fragment, dependabot, CODEOWNERS, a composite
 * action, the npm workspace, Terraform environments and a platform folder
 * (Argo CD applications, shared kustomize components).
 */
export function repositoryFiles(services: readonly Service[], random: Random): GeneratedFile[] {
  const files: GeneratedFile[] = [
    ['.gitignore', 'node_modules/\ndist/\nbuild/\ncoverage/\n.terraform/\n*.log\n.env\n.DS_Store\n'],
    ['.stage.yml', 'name: shop-platform\nstage: production\n'],
    [
      'README.md',
      '# Shop platform\n\nEvery service lives in `services/`. Run `make dev` in one.\n\n## Getting started\n\n```sh\nnpm ci\n```\n',
    ],
    ['CODEOWNERS', services.map((service) => `/${service.dir}/ @example/${service.name.split('-')[0]}-team`).join('\n') + '\n'],
    ['.github/dependabot.yml', dependabot(services)],
    ['.github/actions/setup/action.yml', SETUP_ACTION],
    ['.github/workflows/ci.yml', ciWorkflow(services)],
    ['.github/workflows/deploy.yml', deployWorkflow(services)],
    ['.github/workflows/codeql.yml', CODEQL],
    ['.github/workflows/release.yml', RELEASE],
    ['.gitlab-ci.yml', gitlabRoot(services)],
    [
      '.pre-commit-config.yaml',
      'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n      - id: check-yaml\n        args: [--allow-multiple-documents]\n',
    ],
    ['package.json', rootPackageJson()],
    ['package-lock.json', packageLock(random)],
    ['tsconfig.base.json', '{\n  "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext" }\n}\n'],
    [
      'mkdocs.yml',
      `site_name: Shop platform\nnav:\n${services.map((service) => `  - ${service.name}: services/${service.name}.md`).join('\n')}\n`,
    ],
  ];
  // A workflow per service, as path-filtered monorepos have them.
  for (const service of services) files.push([`.github/workflows/${service.name}.yml`, serviceWorkflow(service)]);
  for (const environment of ['dev', 'staging', 'prod']) {
    files.push(
      [`infra/environments/${environment}/main.tf`, environmentTerraform(environment)],
      [`infra/environments/${environment}/terraform.tfvars`, `environment = "${environment}"\nregion      = "eu-west-1"\n`],
    );
  }
  for (const service of services) {
    files.push([`platform/argocd/apps/${service.name}.yaml`, argoApplication(service)]);
  }
  files.push(
    [
      'platform/components/monitoring/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - servicemonitor.yaml\n',
    ],
    ['platform/components/monitoring/servicemonitor.yaml', SERVICE_MONITOR],
    ['platform/alerts/rules.yaml', PROMETHEUS_RULES],
  );
  return files;
}

function dependabot(services: readonly Service[]): string {
  const ecosystem = { node: 'npm', go: 'gomod', python: 'pip', java: 'maven' };
  const updates = services
    .slice(0, 40)
    .map(
      (service) =>
        `  - package-ecosystem: ${ecosystem[service.language]}\n    directory: /${service.dir}\n    schedule:\n      interval: weekly`,
    );
  return `version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n${updates.join('\n')}\n`;
}

const SETUP_ACTION = `name: setup
description: Checks out tools and caches
runs:
  using: composite
  steps:
    - uses: actions/setup-node@1e60f620b9541d16bece96c5465dc8ee9832be0b # v4.0.3
      with:
        node-version-file: .nvmrc
        cache: npm
    - run: npm ci
      shell: bash
`;

function ciWorkflow(services: readonly Service[]): string {
  return `name: ci
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
concurrency:
  group: ci-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  lint:
    runs-on: ubuntu-24.04
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
        with:
          persist-credentials: false
      - uses: ./.github/actions/setup
      - run: npm run lint --workspaces --if-present
  test:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    strategy:
      matrix:
        service: [${services
          .filter((service) => service.language === 'node')
          .slice(0, 30)
          .map((service) => service.name)
          .join(', ')}]
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - uses: ./.github/actions/setup
      - run: npm test --workspace services/\${{ matrix.service }}
`;
}

function deployWorkflow(services: readonly Service[]): string {
  const steps = services
    .slice(0, 12)
    .map(
      (service) => `      - name: Deploy ${service.name}
        working-directory: ${service.dir}
        run: |
          docker compose -f compose.yaml -f compose.prod.yaml pull
          docker compose -f compose.yaml -f compose.prod.yaml up -d --remove-orphans`,
    )
    .join('\n');
  return `name: deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  packages: write
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - uses: docker/login-action@9780b0c442fbb1117ed29e0efdff1e18412f7567 # v3.3.0
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - run: docker compose -f services/${services[0].name}/compose.yaml -f services/${services[0].name}/compose.prod.yaml build
  deploy:
    needs: build
    runs-on: [self-hosted, prod]
    environment: production
    env:
      TAG: \${{ github.sha }}
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
${steps}
`;
}

function serviceWorkflow(service: Service): string {
  return `name: ${service.name}
on:
  push:
    branches: [main]
    paths:
      - '${service.dir}/**'
  pull_request:
    paths:
      - '${service.dir}/**'
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-24.04
    timeout-minutes: 20
    defaults:
      run:
        working-directory: ${service.dir}
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - run: make test
  image:
    needs: test
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-24.04
    permissions:
      contents: read
      packages: write
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - uses: docker/build-push-action@5cd11c3a4ced054e52742c5fd54dca954e0edd85 # v6.7.0
        with:
          context: ${service.dir}
          target: runtime
          push: true
          tags: ghcr.io/example/${service.name}:\${{ github.sha }}
`;
}

const CODEQL = `name: codeql
on:
  schedule:
    - cron: '17 3 * * 1'
permissions:
  security-events: write
  contents: read
jobs:
  analyze:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - uses: github/codeql-action/init@v3
        with:
          languages: javascript-typescript, go, python
      - uses: github/codeql-action/analyze@v3
`;

const RELEASE = `name: release
on:
  push:
    tags: ['v*']
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
      - run: gh release create "\${GITHUB_REF_NAME}" --generate-notes
        env:
          GH_TOKEN: \${{ github.token }}
`;

/** GitLab refuses a pipeline of more than 150 includes: a larger monorepo's root pipeline names no more. */
const GITLAB_INCLUDE_LIMIT = 150;

function gitlabRoot(services: readonly Service[]): string {
  return `stages: [test, build, deploy]
default:
  interruptible: true
include:
${services
  .slice(0, GITLAB_INCLUDE_LIMIT)
  .map((service) => `  - local: ${service.dir}/${service.name}.gitlab-ci.yml`)
  .join('\n')}

deploy:prod:
  stage: deploy
  image: bitnami/kubectl:1.30
  environment: production
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      when: manual
  script:
    - kubectl apply -k services/${services[0].name}/deploy/k8s/overlays/prod
`;
}

function rootPackageJson(): string {
  return `${JSON.stringify(
    {
      name: 'shop-platform',
      private: true,
      workspaces: ['services/*'],
      scripts: { lint: 'eslint .', test: 'npm test --workspaces --if-present' },
      devDependencies: { eslint: '^9.8.0', prettier: '^3.3.3', typescript: '^5.5.4' },
    },
    null,
    2,
  )}\n`;
}

/** A lockfile of realistic size (a few hundred KB): big, read by the scan, and no YAML. */
function packageLock(random: Random): string {
  const packages: Record<string, unknown> = { '': { name: 'shop-platform', workspaces: ['services/*'] } };
  for (let i = 0; i < 1500; i++)
    packages[`node_modules/pkg-${i}`] = {
      version: `${random.int(0, 9)}.${random.int(0, 30)}.${random.int(0, 20)}`,
      resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`,
      integrity: `sha512-${'x'.repeat(86)}==`,
      license: 'MIT',
    };
  return `${JSON.stringify({ name: 'shop-platform', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function environmentTerraform(environment: string): string {
  return `module "network" {
  source      = "../../modules/network"
  environment = "${environment}"
}

resource "aws_eks_cluster" "main" {
  name     = "shop-${environment}"
  role_arn = var.cluster_role_arn
  vpc_config {
    subnet_ids = module.network.private_subnet_ids
  }
}

resource "aws_cloudwatch_metric_alarm" "p99_latency" {
  alarm_name          = "shop-${environment}-p99"
  extended_statistic  = "p99"
  metric_name         = "TargetResponseTime"
  namespace           = "AWS/ApplicationELB"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  evaluation_periods  = 3
  period              = 60
}
`;
}

function argoApplication(service: Service): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${service.name}
  namespace: argocd
spec:
  project: shop
  source:
    repoURL: https://github.com/example/shop.git
    targetRevision: main
    path: ${service.dir}/deploy/k8s/overlays/prod
  destination:
    server: https://kubernetes.default.svc
    namespace: shop-prod
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
`;
}

const SERVICE_MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app.kubernetes.io/part-of: shop
  endpoints:
    - port: http
      path: /metrics
`;

const PROMETHEUS_RULES = `groups:
  - name: shop
    rules:
      - alert: HighLatency
        expr: histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket[5m])) by (le, service)) > 1
        for: 10m
        annotations:
          runbook_url: https://runbooks.example.com/high-latency
`;
