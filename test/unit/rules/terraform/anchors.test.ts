import * as assert from 'node:assert/strict';
import { analyzeTerraform } from '../../../../src/core/rules/terraform/index';
import { TERRAFORM_RULES } from '../../../../src/core/rules/terraform/rules/index';

describe('Terraform hover anchors', () => {
  it('every rule anchors the blocks it reads (each reads some resource type or block)', () => {
    for (const rule of TERRAFORM_RULES) assert.equal(typeof rule.anchors, 'function', `${rule.ruleId} declares its anchors`);
  });

  it('anchors resource headers and the terraform block by concern, and nothing a rule does not read', () => {
    const text = [
      'terraform {',
      '  required_version = ">= 1.6"',
      '}',
      'resource "aws_db_instance" "main" {',
      '  engine = "postgres"',
      '}',
      'resource "aws_route53_zone" "main" {',
      '  name = "example.com"',
      '}',
      '',
    ].join('\n');
    const anchors = analyzeTerraform(text, { deploysWithKubernetes: false }, '/repo/infra/main.tf').anchors;
    const at = (line: number) =>
      anchors.filter((anchor) => anchor.range.start.line === line).map((anchor) => [anchor.concern, ...anchor.ruleIds].join(' '));
    assert.deepEqual(at(0), ['tech-stack tf/provider-version tf/lock-file', 'fault-tolerance tf/remote-state']);
    assert.deepEqual(at(3), [
      'security tf/literal-secret tf/db-encrypted',
      'database tf/db-backups tf/db-final-snapshot tf/db-read-replica',
      'fault-tolerance tf/db-high-availability tf/db-deletion-protection tf/db-cross-region-backup',
      'monitoring-logging tf/cloudwatch-alarms',
    ]);
    assert.deepEqual(at(6), []);
  });
});
