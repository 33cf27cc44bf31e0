import * as assert from 'node:assert/strict';
import { parseTerraformFile } from '../../../../src/core/format/terraform/terraformFile';
import { analyzeTerraform } from '../../../../src/core/rules/terraform/index';
import { referencesOf, resourceAddresses } from '../../../../src/core/rules/terraform/references';
import type { TreeValue } from '../../../../src/core/evidence/parsers/locatedTree';

/**
 * The scale and enterprise rules that look past one module (is there a trail, an anomaly monitor, a CDN
 * anywhere in the workspace?): what the one-folder rule fixtures cannot show.
 */
function findings(files: Record<string, string>, path: string, ruleId: string): string[] {
  const parsed = Object.entries(files).map(([file, text]) => parseTerraformFile(file, text));
  const facts = { deploysWithKubernetes: false, terraform: { files: parsed, root: '/repo' } };
  return analyzeTerraform(files[path], facts, path)
    .findings.filter((finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.range.start.line}:${finding.range.start.character}`);
}

const PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
const TRAIL =
  'resource "aws_cloudtrail" "org" {\n  name                       = "org"\n  is_multi_region_trail      = true\n  enable_log_file_validation = true\n}\n';

describe('Terraform rules that read the whole workspace', () => {
  it('reports a missing trail and anomaly monitor once, at the first production provider block', () => {
    const files = {
      '/repo/infra/environments/dev/main.tf': PROVIDER,
      '/repo/infra/environments/prod/main.tf': PROVIDER,
      '/repo/infra/environments/staging/main.tf': PROVIDER,
    };
    for (const rule of ['tf/cloudtrail', 'tf/cost-anomaly-monitor']) {
      assert.deepEqual(findings(files, '/repo/infra/environments/dev/main.tf', rule), [], `${rule}: a dev account is not asked`);
      assert.deepEqual(findings(files, '/repo/infra/environments/prod/main.tf', rule), ['0:0'], `${rule}: reported at prod`);
      assert.deepEqual(findings(files, '/repo/infra/environments/staging/main.tf', rule), [], `${rule}: reported once`);
    }
  });

  it('a trail or an anomaly monitor in another folder of the workspace covers the account', () => {
    const files = {
      '/repo/live/prod/main.tf': PROVIDER,
      '/repo/live/account/trail.tf': TRAIL,
      '/repo/live/account/cost.tf':
        'resource "aws_ce_anomaly_monitor" "m" {\n  name = "m"\n}\nresource "aws_ce_anomaly_subscription" "s" {\n  name = "s"\n}\n',
    };
    assert.deepEqual(findings(files, '/repo/live/prod/main.tf', 'tf/cloudtrail'), []);
    assert.deepEqual(findings(files, '/repo/live/prod/main.tf', 'tf/cost-anomaly-monitor'), []);
  });

  it('an example configuration neither reports nor satisfies the account-wide rules', () => {
    const files = { '/repo/main.tf': PROVIDER, '/repo/examples/complete/main.tf': `${PROVIDER}${TRAIL}` };
    assert.deepEqual(findings(files, '/repo/main.tf', 'tf/cloudtrail'), ['0:0'], "an example's trail is not the account's");
    assert.deepEqual(findings(files, '/repo/examples/complete/main.tf', 'tf/cloudtrail'), []);
  });

  it('a public load balancer is asked for a CDN only when the workspace has none', () => {
    const lb = 'resource "aws_lb" "web" {\n  name = "web"\n}\n';
    const distribution = 'resource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n}\n';
    assert.deepEqual(findings({ '/repo/app/lb.tf': lb }, '/repo/app/lb.tf', 'tf/cdn-static-content'), ['0:0']);
    assert.deepEqual(
      findings({ '/repo/app/lb.tf': lb, '/repo/edge/cdn.tf': distribution }, '/repo/app/lb.tf', 'tf/cdn-static-content'),
      [],
    );
  });

  it('a policy, replica or flow log anywhere that names its target through a variable or module output keeps them silent', () => {
    const group = 'resource "aws_autoscaling_group" "web" {\n  min_size = 2\n  max_size = 8\n}\n';
    const policy = 'resource "aws_autoscaling_policy" "cpu" {\n  autoscaling_group_name = var.group\n}\n';
    assert.deepEqual(findings({ '/repo/app/asg.tf': group }, '/repo/app/asg.tf', 'tf/autoscaling-policy'), ['0:0']);
    assert.deepEqual(
      findings({ '/repo/app/asg.tf': group, '/repo/scaling/policy.tf': policy }, '/repo/app/asg.tf', 'tf/autoscaling-policy'),
      [],
    );
    // Another folder's `aws_autoscaling_group.web` is another group.
    const otherPolicy =
      'resource "aws_autoscaling_group" "web" {}\nresource "aws_autoscaling_policy" "cpu" {\n  autoscaling_group_name = aws_autoscaling_group.web.name\n}\n';
    assert.deepEqual(
      findings({ '/repo/app/asg.tf': group, '/repo/other/asg.tf': otherPolicy }, '/repo/app/asg.tf', 'tf/autoscaling-policy'),
      ['0:0'],
    );

    const db = 'resource "aws_db_instance" "this" {\n  engine = "postgres"\n}\n';
    const root =
      'module "db" {\n  source = "./modules/db"\n}\nmodule "replica" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "6.10.0"\n  replicate_source_db = module.db.identifier\n}\n';
    assert.deepEqual(findings({ '/repo/modules/db/main.tf': db }, '/repo/modules/db/main.tf', 'tf/db-read-replica'), ['0:0']);
    assert.deepEqual(
      findings({ '/repo/modules/db/main.tf': db, '/repo/main.tf': root }, '/repo/modules/db/main.tf', 'tf/db-read-replica'),
      [],
    );

    const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';
    const flowLogs = 'resource "aws_flow_log" "all" {\n  vpc_id       = module.network.vpc_id\n  traffic_type = "ALL"\n}\n';
    assert.deepEqual(
      findings({ '/repo/network/vpc.tf': vpc, '/repo/logging/flow.tf': flowLogs }, '/repo/network/vpc.tf', 'tf/vpc-flow-logs'),
      [],
    );
  });

  it('reads the resources an argument references, and says when it may name something else', () => {
    assert.deepEqual(resourceAddresses('aws_lb.web.arn'), ['aws_lb.web']);
    assert.deepEqual(resourceAddresses('${aws_lb.web[0].arn}'), ['aws_lb.web']);
    assert.deepEqual(resourceAddresses('service/${aws_ecs_cluster.main.name}/${aws_ecs_service.api.name}'), [
      'aws_ecs_cluster.main',
      'aws_ecs_service.api',
    ]);
    assert.deepEqual(resourceAddresses('data.aws_lb.shared.arn'), [], 'a data source is not a resource of the module');
    assert.deepEqual(resourceAddresses('module.alb.aws_lb_arn'), []);
    const expression = (value: string): TreeValue => ({ kind: 'scalar', value, line: 0, expression: true });
    assert.deepEqual(referencesOf(expression('aws_lb.web.arn'), ['aws_lb']), { addresses: ['aws_lb.web'], known: true });
    assert.deepEqual(referencesOf(expression('var.alb_arn'), ['aws_lb']), { addresses: [], known: false });
    assert.deepEqual(
      referencesOf({ kind: 'scalar', value: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x', line: 0 }, ['aws_lb']),
      {
        addresses: [],
        known: false,
      },
    );
  });
});
