import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check } from './support';

/**
 * Terraform stacks written for each stage (test/fixtures/workspaces/terraform-*), checked at every stage with
 * `--stage`: the findings due there, and — as important — the ones that stay silent (a variable with a safe
 * default, a module whose callers pass a safe value, a dev environment, a registry module pinned by version).
 */
const WORKSPACES = join(__dirname, '..', '..', 'fixtures', 'workspaces');

interface JsonReport {
  services: Array<{
    findings: Array<{ file: string; line: number; rule: string; status: string }>;
    concerns: Array<{
      id: string;
      practices: Array<{ id: string; status: string; evidence: Array<{ path?: string; file?: string; line?: number }> }>;
    }>;
  }>;
}

async function report(name: string, stage: string): Promise<JsonReport['services'][number]> {
  const root = join(WORKSPACES, name);
  const run = await check(root, '--root', root, '--stage', stage, '--format', 'json');
  return (JSON.parse(run.out) as JsonReport).services[0];
}

async function due(name: string, stage: string): Promise<string[]> {
  const service = await report(name, stage);
  return service.findings
    .filter((finding) => finding.status === 'due')
    .map((finding) => `${finding.file}:${finding.line} ${finding.rule}`)
    .sort();
}

const EXPECTED: Record<string, Record<string, string[]>> = {
  'terraform-prototype': {
    // SSH is open to one address (var.admin_cidr's default): nothing exploitable at the prototype stage.
    prototype: [],
    // No budget anywhere in the workspace (reported on the provider block), no remote state, no .terraform.lock.hcl committed.
    mvp: ['infra/main.tf:1 tf/lock-file', 'infra/main.tf:1 tf/remote-state', 'infra/main.tf:10 tf/budget-alerts'],
    // No tags to split the bill by, an unencrypted volume.
    production: [
      'infra/main.tf:1 tf/lock-file',
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
    // The account's cost anomaly monitor (scale) and CloudTrail trail (enterprise) are reported at its provider block.
    scale: [
      'infra/main.tf:1 tf/lock-file',
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cost-anomaly-monitor',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
    enterprise: [
      'infra/main.tf:1 tf/lock-file',
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cloudtrail',
      'infra/main.tf:10 tf/cost-anomaly-monitor',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
  },
  'terraform-mvp': {
    prototype: [],
    // backup_retention_period = var.backup_days (default 7), the password from a variable without a default, a budget
    // with a notification, the web group free to grow from 2 to 4 instances behind the load balancer.
    mvp: [],
    // What production adds: a real health check on the target group, alarms on the load balancer and the database.
    production: [
      'infra/app.tf:2 tf/cloudwatch-alarms',
      'infra/app.tf:8 tf/lb-health-check',
      'infra/database.tf:1 tf/cloudwatch-alarms',
      'infra/database.tf:1 tf/db-deletion-protection',
      'infra/database.tf:1 tf/db-high-availability',
      'infra/database.tf:11 tf/db-final-snapshot',
    ],
    // At scale: a CDN and a WAF in front of the public load balancer, a scaling policy for the web group, a read
    // replica, cost anomaly alerts.
    scale: [
      'infra/app.tf:2 tf/cdn-static-content',
      'infra/app.tf:2 tf/cloudwatch-alarms',
      'infra/app.tf:2 tf/waf-public-endpoint',
      'infra/app.tf:28 tf/autoscaling-policy',
      'infra/app.tf:8 tf/lb-health-check',
      'infra/database.tf:1 tf/cloudwatch-alarms',
      'infra/database.tf:1 tf/db-deletion-protection',
      'infra/database.tf:1 tf/db-high-availability',
      'infra/database.tf:1 tf/db-read-replica',
      'infra/database.tf:11 tf/db-final-snapshot',
      'infra/versions.tf:19 tf/cost-anomaly-monitor',
    ],
    enterprise: [
      'infra/app.tf:2 tf/cdn-static-content',
      'infra/app.tf:2 tf/cloudwatch-alarms',
      'infra/app.tf:2 tf/waf-public-endpoint',
      'infra/app.tf:28 tf/autoscaling-policy',
      'infra/app.tf:8 tf/lb-health-check',
      'infra/database.tf:1 tf/cloudwatch-alarms',
      'infra/database.tf:1 tf/db-cross-region-backup',
      'infra/database.tf:1 tf/db-deletion-protection',
      'infra/database.tf:1 tf/db-high-availability',
      'infra/database.tf:1 tf/db-read-replica',
      'infra/database.tf:11 tf/db-final-snapshot',
      'infra/versions.tf:19 tf/cloudtrail',
      'infra/versions.tf:19 tf/cost-anomaly-monitor',
    ],
  },
  'terraform-production': {
    // modules/db reads multi_az from its callers (production true, dev false: unknown, so silent); the dev
    // environment's scratch database skips its final snapshot; the registry VPC module is pinned; the budget notifies,
    // the Auto Scaling group has room (3 to 12), the target group checks /healthz, and alarms name the database (by
    // its identifier, which the callers disagree on: unknown) and the load balancer (by reference).
    prototype: [],
    mvp: [],
    production: [],
    // At scale: a read replica, a CDN and a WAF in front of the public ALB, a scaling policy for the group, cost
    // anomaly alerts (the dev environment's database and provider are not asked).
    scale: [
      'infra/modules/db/main.tf:2 tf/db-read-replica',
      'infra/network.tf:12 tf/cdn-static-content',
      'infra/network.tf:12 tf/waf-public-endpoint',
      'infra/network.tf:62 tf/autoscaling-policy',
      'infra/versions.tf:19 tf/cost-anomaly-monitor',
    ],
    // Backups copied to another region and a CloudTrail trail are what an enterprise stage adds; the VPC comes from a
    // registry module, so its flow logs are its inputs' business (not judged).
    enterprise: [
      'infra/modules/db/main.tf:2 tf/db-cross-region-backup',
      'infra/modules/db/main.tf:2 tf/db-read-replica',
      'infra/network.tf:12 tf/cdn-static-content',
      'infra/network.tf:12 tf/waf-public-endpoint',
      'infra/network.tf:62 tf/autoscaling-policy',
      'infra/versions.tf:19 tf/cloudtrail',
      'infra/versions.tf:19 tf/cost-anomaly-monitor',
    ],
  },
  // The GCP and Azure stacks' public entry points are protected: a backend service with Cloud Armor and a backend
  // bucket with Cloud CDN, an application gateway with a WAF policy and a metric alert (silences at scale).
  'terraform-gcp': {
    prototype: ['infra/main.tf:43 tf/public-bucket'],
    // No billing budget anywhere in the workspace.
    mvp: ['infra/main.tf:15 tf/budget-alerts', 'infra/main.tf:43 tf/public-bucket'],
    // No default_labels on the provider and no labels on the database or bucket; no alert policy names the database.
    production: [
      'infra/main.tf:15 tf/budget-alerts',
      'infra/main.tf:15 tf/cost-tags',
      'infra/main.tf:20 tf/cloudwatch-alarms',
      'infra/main.tf:20 tf/db-high-availability',
      'infra/main.tf:43 tf/public-bucket',
    ],
    scale: [
      'infra/main.tf:15 tf/budget-alerts',
      'infra/main.tf:15 tf/cost-tags',
      'infra/main.tf:20 tf/cloudwatch-alarms',
      'infra/main.tf:20 tf/db-high-availability',
      'infra/main.tf:20 tf/db-read-replica',
      'infra/main.tf:43 tf/public-bucket',
    ],
    enterprise: [
      'infra/main.tf:15 tf/budget-alerts',
      'infra/main.tf:15 tf/cloudtrail',
      'infra/main.tf:15 tf/cost-tags',
      'infra/main.tf:20 tf/cloudwatch-alarms',
      'infra/main.tf:20 tf/db-high-availability',
      'infra/main.tf:20 tf/db-read-replica',
      'infra/main.tf:43 tf/public-bucket',
    ],
  },
  'terraform-azure': {
    prototype: [],
    // No consumption budget anywhere in the workspace.
    mvp: ['infra/main.tf:17 tf/budget-alerts'],
    // No tags on the server, the storage account or their resource group; no metric alert scopes the server.
    production: [
      'infra/main.tf:17 tf/budget-alerts',
      'infra/main.tf:17 tf/cost-tags',
      'infra/main.tf:26 tf/cloudwatch-alarms',
      'infra/main.tf:26 tf/db-high-availability',
    ],
    // No cost anomaly alert for the subscription (scale); no export of its activity log (enterprise).
    scale: [
      'infra/main.tf:17 tf/budget-alerts',
      'infra/main.tf:17 tf/cost-anomaly-monitor',
      'infra/main.tf:17 tf/cost-tags',
      'infra/main.tf:26 tf/cloudwatch-alarms',
      'infra/main.tf:26 tf/db-high-availability',
      'infra/main.tf:26 tf/db-read-replica',
    ],
    enterprise: [
      'infra/main.tf:17 tf/budget-alerts',
      'infra/main.tf:17 tf/cloudtrail',
      'infra/main.tf:17 tf/cost-anomaly-monitor',
      'infra/main.tf:17 tf/cost-tags',
      'infra/main.tf:26 tf/cloudwatch-alarms',
      'infra/main.tf:26 tf/db-cross-region-backup',
      'infra/main.tf:26 tf/db-high-availability',
      'infra/main.tf:26 tf/db-read-replica',
    ],
  },
  'terraform-scale': {
    // Written for the scale stage: target tracking on the web group, CloudFront with a web ACL in front of the assets
    // bucket and the ALB (which has its own ACL), two read replicas, a Redis group that fails over, an anomaly monitor
    // with a subscription. The dev environment's fixed fleet, lone database and bare ALB are not asked; its partial
    // backend is configured at init. Its lock file was never committed (the main stack's is): from mvp on, that is due.
    prototype: [],
    mvp: ['infra/environments/dev/main.tf:2 tf/lock-file'],
    production: ['infra/environments/dev/main.tf:2 tf/lock-file'],
    // The image worker's group has no scaling policy.
    scale: ['infra/compute.tf:45 tf/autoscaling-policy', 'infra/environments/dev/main.tf:2 tf/lock-file'],
    // Enterprise adds the key rotation, a copy of the backups in another region, flow logs and the trail.
    enterprise: [
      'infra/compute.tf:45 tf/autoscaling-policy',
      'infra/database.tf:1 tf/kms-key-rotation',
      'infra/database.tf:6 tf/db-cross-region-backup',
      'infra/environments/dev/main.tf:2 tf/lock-file',
      'infra/network.tf:1 tf/vpc-flow-logs',
      'infra/versions.tf:19 tf/cloudtrail',
    ],
  },
};

describe('check: Terraform stacks at every stage', () => {
  for (const [name, byStage] of Object.entries(EXPECTED)) {
    for (const [stage, expected] of Object.entries(byStage)) {
      it(`${name} at ${stage}`, async () => {
        assert.deepEqual(await due(name, stage), expected);
      });
    }
  }

  it('links the practices Terraform proves to the resource blocks (backups, budget, standby, encryption, tags, replicas, CDN)', async () => {
    const status = (service: JsonReport['services'][number], practice: string) =>
      service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === practice);
    const mvp = await report('terraform-mvp', 'mvp');
    assert.equal(status(mvp, 'database/mvp/backups-restored')?.status, 'met');
    assert.equal(status(mvp, 'cost-efficiency/mvp/monthly-budget')?.status, 'met');
    assert.equal(status(mvp, 'security/production/encrypted-at-rest')?.status, 'met');
    assert.equal(status(mvp, 'cost-efficiency/production/cost-tags')?.status, 'met');
    assert.match(JSON.stringify(status(mvp, 'database/mvp/backups-restored')?.evidence), /database\.tf/);
    assert.equal(status(mvp, 'scalability/production/database-standby')?.status, 'missing');
    const scale = await report('terraform-scale', 'scale');
    assert.equal(status(scale, 'database/scale/read-replicas')?.status, 'met');
    assert.equal(status(scale, 'scalability/scale/cdn-static-assets')?.status, 'met');
    assert.equal(status(scale, 'cost-efficiency/scale/cost-anomaly-alerts')?.status, 'met');
    assert.match(JSON.stringify(status(scale, 'scalability/scale/cdn-static-assets')?.evidence), /cdn\.tf/);
    const prototype = await report('terraform-prototype', 'mvp');
    assert.notEqual(
      status(prototype, 'cost-efficiency/mvp/monthly-budget')?.status,
      'missing',
      'budgets are not managed in this repository',
    );
  });
});
