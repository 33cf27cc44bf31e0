import assert from 'node:assert/strict';
import { places, signal, signalsOf } from './support/scan';

/** Each kind of declarative matcher of data/signals.yml, on a small tree. */
describe('evidence: data matchers (data/signals.yml)', () => {
  it('dependencies: exact names, npm scopes, PEP 503 names, Go module prefixes and Maven globs', async () => {
    const results = await signalsOf({
      'package.json': '{"dependencies":{"@sentry/node":"^8"}}',
      'requirements.txt': 'Structlog==24.1\n',
      'go.mod': 'module x\n\ngo 1.22\n\nrequire go.opentelemetry.io/otel/sdk v1.28.0\n',
      'pom.xml':
        '<project><dependencies><dependency><groupId>io.micrometer</groupId><artifactId>micrometer-core</artifactId></dependency></dependencies></project>',
    });
    assert.deepEqual(places(signal(results, 'errors.tracker').evidence), ['package.json:1 dependency @sentry/node']);
    assert.deepEqual(places(signal(results, 'logging.structured').evidence), ['requirements.txt:1 dependency structlog']);
    assert.deepEqual(places(signal(results, 'tracing.instrumented').evidence), ['go.mod:5 dependency go.opentelemetry.io/otel/sdk']);
    assert.ok(signal(results, 'metrics.exported').observed);
    assert.equal(signal(results, 'queue.client').observed, false);
  });

  it('manifests: a go.mod alone is a mainstream framework (the standard library)', async () => {
    const results = await signalsOf({ 'go.mod': 'module x\n\ngo 1.22\n' });
    assert.deepEqual(places(signal(results, 'deps.framework').evidence), ['go.mod go.mod']);
  });

  it('files: plain names anywhere, and path globs', async () => {
    const results = await signalsOf({
      '.github/SECURITY.md': '',
      'docs/adr/0001-use-postgres.md': '',
      'yarn.lock': '',
      'docs/adr/README.txt': '',
    });
    assert.deepEqual(places(signal(results, 'docs.security-policy').evidence), ['.github/SECURITY.md .github/SECURITY.md']);
    assert.deepEqual(places(signal(results, 'docs.adr').evidence), ['docs/adr/0001-use-postgres.md docs/adr/0001-use-postgres.md']);
    assert.ok(signal(results, 'deps.lockfile').observed);
  });

  it('images and charts: by repository on any registry; imagesFrom keeps CI service containers out', async () => {
    const results = await signalsOf({
      'compose.yaml': 'services:\n  cache:\n    image: docker.io/library/redis:7.2\n',
      'chart/Chart.yaml': 'apiVersion: v2\nname: app\ndependencies:\n  - name: kafka\n    version: 26.x\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    services:\n      db:\n        image: postgres:16\n    steps:\n      - run: make\n',
    });
    assert.deepEqual(places(signal(results, 'cache.in-use').evidence), [
      'compose.yaml:3 image docker.io/library/redis:7.2 (Redis, taken for a cache: no job queue uses it)',
    ]);
    assert.deepEqual(places(signal(results, 'queue.client').evidence), ['chart/Chart.yaml:4 Helm chart dependency kafka']);
    assert.equal(signal(results, 'db.server-container').observed, false, 'a CI service container is not the database server');
  });

  it('kubernetes: kinds by apiVersion glob, `where` on values and on bracketed annotation keys', async () => {
    const strict = await signalsOf({
      'mesh.yaml':
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: STRICT\n',
    });
    assert.deepEqual(places(signal(strict, 'mesh.mtls').evidence), ['mesh.yaml:7 PeerAuthentication default (spec.mtls.mode)']);
    const permissive = await signalsOf({
      'mesh.yaml':
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: PERMISSIVE\n',
    });
    assert.equal(signal(permissive, 'mesh.mtls').observed, false);
    const injected = await signalsOf({
      'app.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      annotations:\n        linkerd.io/inject: enabled\n    spec:\n      containers: []\n',
    });
    assert.deepEqual(places(signal(injected, 'mesh.enrolled').evidence), [
      'app.yaml:9 Deployment api (spec.template.metadata.annotations[linkerd.io/inject])',
    ]);
  });

  it('kubernetes `every`: one autoscaler without a minimum keeps the signal from holding', async () => {
    const hpa = (name: string, min: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n${min}  maxReplicas: 5\n`;
    const results = await signalsOf({ 'a.yaml': hpa('a', '  minReplicas: 2\n'), 'b.yaml': hpa('b', '') });
    const minimums = signal(results, 'scaling.autoscaler-minimums');
    assert.equal(minimums.observed, false);
    assert.deepEqual(places(minimums.counterEvidence), [
      'b.yaml:2 HorizontalPodAutoscaler b lacks spec.minReplicas, spec.behavior.scaleDown.selectPolicy',
    ]);
    assert.equal(places(minimums.evidence).length, 1);
  });

  it('terraform: resource attributes, nested blocks, provider blocks and `every`', async () => {
    const results = await signalsOf({
      'infra/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = { service = "api" }\n  }\n}\n',
      'infra/db.tf':
        'resource "aws_db_instance" "main" {\n  multi_az          = true\n  storage_encrypted = true\n}\nresource "aws_db_instance" "reporting" {\n  storage_encrypted = false\n}\n',
    });
    assert.deepEqual(places(signal(results, 'db.standby').evidence), ['infra/db.tf:2 aws_db_instance.main (multi_az)']);
    assert.deepEqual(places(signal(results, 'cost.resource-tags').evidence), ['infra/main.tf:4 provider "aws" (default_tags.tags)']);
    const encrypted = signal(results, 'data.encrypted-at-rest');
    assert.equal(encrypted.observed, false);
    assert.deepEqual(places(encrypted.counterEvidence), ['infra/db.tf:5 aws_db_instance.reporting lacks storage_encrypted']);
  });

  it('terraform: values resolved through the module (var defaults, tfvars, locals); count = 0 creates nothing; unknown is not evidence', async () => {
    const results = await signalsOf({
      'infra/variables.tf': 'variable "ha" {\n  default = false\n}\nvariable "backup_days" {\n  default = 7\n}\nvariable "threshold" {}\n',
      'infra/terraform.tfvars': 'ha = true\n',
      'infra/locals.tf': 'locals {\n  encrypted = true\n}\n',
      'infra/db.tf': [
        'resource "aws_db_instance" "main" {',
        '  multi_az                = var.ha',
        '  storage_encrypted       = local.encrypted',
        '  backup_retention_period = var.backup_days',
        '}',
        'resource "aws_db_instance" "old" {',
        '  count             = 0',
        '  storage_encrypted = false',
        '}',
        'resource "aws_budgets_budget" "monthly" {',
        '  notification {',
        '    threshold = var.threshold',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(places(signal(results, 'db.standby').evidence), ['infra/db.tf:2 aws_db_instance.main (multi_az)']);
    assert.deepEqual(places(signal(results, 'db.automated-backups').evidence), [
      'infra/db.tf:4 aws_db_instance.main (backup_retention_period)',
    ]);
    const encrypted = signal(results, 'data.encrypted-at-rest');
    assert.deepEqual(places(encrypted.evidence), ['infra/db.tf:3 aws_db_instance.main (storage_encrypted)']);
    assert.deepEqual(places(encrypted.counterEvidence), [], 'a resource with count = 0 is not counter-evidence');
    assert.ok(signal(results, 'cost.budget-defined').observed);
    assert.deepEqual(places(signal(results, 'cost.budget-alerts').evidence), [
      'infra/db.tf:12 aws_budgets_budget.monthly (notification.threshold)',
    ]);
  });

  it('structured: values inside TOML and YAML files chosen by name', async () => {
    const results = await signalsOf({
      'fly.toml': 'app = "x"\n[http_service]\n  force_https = true\n',
      'monitoring/rules.yml': 'groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors[5m]) > 1\n',
    });
    assert.deepEqual(places(signal(results, 'tls.termination').evidence), ['fly.toml:3 fly.toml (http_service.force_https)']);
    assert.deepEqual(places(signal(results, 'alerts.defined').evidence), [
      'monitoring/rules.yml:4 monitoring/rules.yml (groups.rules.alert)',
    ]);
  });

  it('ci: run commands by regular expression (at their line) and actions by prefix', async () => {
    const results = await signalsOf({
      '.github/workflows/ci.yml':
        'on: [push]\njobs:\n  check:\n    steps:\n      - uses: aquasecurity/trivy-action@0.24.0\n      - run: |\n          npm ci\n          npm run lint\n',
    });
    assert.deepEqual(places(signal(results, 'ci.vulnerability-scan').evidence), [
      '.github/workflows/ci.yml:5 CI job check uses aquasecurity/trivy-action@0.24.0',
    ]);
    assert.deepEqual(places(signal(results, 'ci.lint').evidence), ['.github/workflows/ci.yml:8 CI job check runs `npm run lint`']);
  });
});
