import * as assert from 'node:assert/strict';
import { builtinRuleCatalog } from '../../../../src/core/rules/engine/ruleCatalog';
import { analyzeTerraform } from '../../../../src/core/rules/terraform/index';
import { TERRAFORM_ANCHOR_TABLE } from '../../../../src/core/rules/terraform/anchors';
import { TERRAFORM_RULES } from '../../../../src/core/rules/terraform/rules/index';

describe('Terraform hover anchors', () => {
  it('every rule has a row of what it reads, with the concern of its metadata (data/rules/terraform.yml)', () => {
    const catalog = builtinRuleCatalog();
    for (const rule of TERRAFORM_RULES) {
      assert.ok(Object.hasOwn(TERRAFORM_ANCHOR_TABLE, rule.ruleId), `${rule.ruleId} has a row in TERRAFORM_ANCHOR_TABLE`);
      assert.equal(TERRAFORM_ANCHOR_TABLE[rule.ruleId].concern, catalog.byId.get(rule.ruleId)?.concern, `${rule.ruleId}: concern`);
    }
    assert.deepEqual(
      Object.keys(TERRAFORM_ANCHOR_TABLE).filter((id) => !TERRAFORM_RULES.some((rule) => rule.ruleId === id)),
      [],
      'rows for rules that do not exist',
    );
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
    assert.deepEqual(at(0), ['tech-stack tf/provider-version', 'fault-tolerance tf/remote-state']);
    assert.deepEqual(at(3), [
      'security tf/literal-secret tf/db-encrypted',
      'database tf/db-backups tf/db-final-snapshot',
      'fault-tolerance tf/db-high-availability tf/db-deletion-protection tf/db-cross-region-backup',
      'monitoring-logging tf/cloudwatch-alarms',
    ]);
    assert.deepEqual(at(6), []);
  });
});
