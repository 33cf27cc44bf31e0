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
    // No budget anywhere in the workspace (reported on the provider block), no tags to split the bill by.
    mvp: ['infra/main.tf:1 tf/remote-state', 'infra/main.tf:10 tf/budget-alerts'],
    production: [
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
    scale: [
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
    enterprise: [
      'infra/main.tf:1 tf/remote-state',
      'infra/main.tf:10 tf/budget-alerts',
      'infra/main.tf:10 tf/cost-tags',
      'infra/main.tf:46 tf/ebs-encrypted',
    ],
  },
  'terraform-mvp': {
    prototype: [],
    // backup_retention_period = var.backup_days (default 7), the password from a variable without a default, a
    // budget with a notification, the web group free to grow from 2 to 4 instances behind the load balancer.
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
    scale: [
      'infra/app.tf:2 tf/cloudwatch-alarms',
      'infra/app.tf:8 tf/lb-health-check',
      'infra/database.tf:1 tf/cloudwatch-alarms',
      'infra/database.tf:1 tf/db-deletion-protection',
      'infra/database.tf:1 tf/db-high-availability',
      'infra/database.tf:11 tf/db-final-snapshot',
    ],
    enterprise: [
      'infra/app.tf:2 tf/cloudwatch-alarms',
      'infra/app.tf:8 tf/lb-health-check',
      'infra/database.tf:1 tf/cloudwatch-alarms',
      'infra/database.tf:1 tf/db-cross-region-backup',
      'infra/database.tf:1 tf/db-deletion-protection',
      'infra/database.tf:1 tf/db-high-availability',
      'infra/database.tf:11 tf/db-final-snapshot',
    ],
  },
  'terraform-production': {
    // modules/db reads multi_az from its callers (production true, dev false: unknown, so silent); the dev
    // environment's scratch database skips its final snapshot; the registry VPC module is pinned; the budget
    // notifies, the Auto Scaling group has room (3 to 12), the target group checks /healthz, and alarms name the
    // database (by its identifier, which the callers disagree on: unknown) and the load balancer (by reference).
    prototype: [],
    mvp: [],
    production: [],
    scale: [],
    // Backups copied to another region are what an enterprise stage adds (the dev environment is not asked).
    enterprise: ['infra/modules/db/main.tf:2 tf/db-cross-region-backup'],
  },
  'terraform-gcp': {
    prototype: ['infra/main.tf:43 tf/public-bucket'],
    mvp: ['infra/main.tf:15 tf/budget-alerts', 'infra/main.tf:43 tf/public-bucket'],
    production: ['infra/main.tf:15 tf/budget-alerts', 'infra/main.tf:20 tf/db-high-availability', 'infra/main.tf:43 tf/public-bucket'],
    scale: ['infra/main.tf:15 tf/budget-alerts', 'infra/main.tf:20 tf/db-high-availability', 'infra/main.tf:43 tf/public-bucket'],
    enterprise: ['infra/main.tf:15 tf/budget-alerts', 'infra/main.tf:20 tf/db-high-availability', 'infra/main.tf:43 tf/public-bucket'],
  },
  'terraform-azure': {
    prototype: [],
    mvp: ['infra/main.tf:17 tf/budget-alerts'],
    production: ['infra/main.tf:17 tf/budget-alerts', 'infra/main.tf:26 tf/db-high-availability'],
    scale: ['infra/main.tf:17 tf/budget-alerts', 'infra/main.tf:26 tf/db-high-availability'],
    enterprise: [
      'infra/main.tf:17 tf/budget-alerts',
      'infra/main.tf:26 tf/db-cross-region-backup',
      'infra/main.tf:26 tf/db-high-availability',
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

  it('links the practices Terraform proves to the resource blocks (backups, budget, standby, encryption, tags)', async () => {
    const status = (service: JsonReport['services'][number], practice: string) =>
      service.concerns.flatMap((concern) => concern.practices).find((candidate) => candidate.id === practice);
    const mvp = await report('terraform-mvp', 'mvp');
    assert.equal(status(mvp, 'database/mvp/backups-restored')?.status, 'met');
    assert.equal(status(mvp, 'cost-efficiency/mvp/monthly-budget')?.status, 'met');
    assert.equal(status(mvp, 'security/production/encrypted-at-rest')?.status, 'met');
    assert.equal(status(mvp, 'cost-efficiency/production/cost-tags')?.status, 'met');
    assert.match(JSON.stringify(status(mvp, 'database/mvp/backups-restored')?.evidence), /database\.tf/);
    assert.equal(status(mvp, 'scalability/production/database-standby')?.status, 'missing');
    const prototype = await report('terraform-prototype', 'mvp');
    assert.notEqual(
      status(prototype, 'cost-efficiency/mvp/monthly-budget')?.status,
      'missing',
      'budgets are not managed in this repository',
    );
  });
});
