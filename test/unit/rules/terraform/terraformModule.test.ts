import * as assert from 'node:assert/strict';
import { parseTerraformFile } from '../../../../src/core/format/terraform/terraformFile';
import { terraformModules } from '../../../../src/core/format/terraform/terraformModule';
import type { TerraformModule } from '../../../../src/core/format/terraform/terraformModule';
import { analyzeTerraform } from '../../../../src/core/rules/terraform/index';

/** The modules of a workspace given as path → text. */
function workspace(files: Record<string, string>): Map<string, TerraformModule> {
  return terraformModules(Object.entries(files).map(([path, text]) => parseTerraformFile(path, text)));
}

/** The resolved value of `name = <expression>` in `locals` … by writing it as a resource attribute. */
function resolved(module: TerraformModule, address: string, key: string): unknown {
  const resource = module.resources.find(({ block }) => block.labels.join('.') === address)!;
  const value = module.value(resource.block.body, key);
  return value?.kind === 'scalar' ? value.value : value === undefined ? undefined : value.kind;
}

const MAIN = `resource "aws_db_instance" "main" {
  backup_retention_period = var.days
  multi_az                = local.ha
  storage_encrypted       = "\${var.encrypted}"
  deletion_protection     = var.protect ? true : false
  identifier              = var.name
}
`;

describe('Terraform module model', () => {
  it('resolves var.* from defaults in other files, local.*, single interpolations; other expressions stay unknown', () => {
    const module = workspace({
      '/r/main.tf': MAIN,
      '/r/variables.tf':
        'variable "days" {\n  default = 3\n}\nvariable "encrypted" {\n  default = true\n}\nvariable "protect" {\n  default = true\n}\nvariable "name" {}\n',
      '/r/locals.tf': 'locals {\n  ha = local.prod\n  prod = true\n}\n',
    }).get('/r')!;
    assert.equal(resolved(module, 'aws_db_instance.main', 'backup_retention_period'), 3);
    assert.equal(resolved(module, 'aws_db_instance.main', 'multi_az'), true);
    assert.equal(resolved(module, 'aws_db_instance.main', 'storage_encrypted'), true);
    assert.equal(resolved(module, 'aws_db_instance.main', 'deletion_protection'), undefined, 'a conditional is not evaluated');
    assert.equal(resolved(module, 'aws_db_instance.main', 'identifier'), undefined, 'a variable without a default is unknown');
  });

  it('takes terraform.tfvars and *.auto.tfvars over defaults; a variable a -var-file sets is unknown', () => {
    const files = {
      '/r/main.tf': MAIN,
      '/r/variables.tf': 'variable "days" {\n  default = 3\n}\nvariable "name" {\n  default = "a"\n}\n',
      '/r/terraform.tfvars': 'days = 14\n',
    };
    assert.equal(resolved(workspace(files).get('/r')!, 'aws_db_instance.main', 'backup_retention_period'), 14);
    const perEnvironment = workspace({ ...files, '/r/prod.tfvars': 'days = 30\n' }).get('/r')!;
    assert.equal(resolved(perEnvironment, 'aws_db_instance.main', 'backup_retention_period'), undefined);
    assert.equal(resolved(perEnvironment, 'aws_db_instance.main', 'identifier'), 'a', 'other variables still resolve');
  });

  it('counts instances from literal and resolved count / for_each, unknown otherwise', () => {
    const module = workspace({
      '/r/main.tf': [
        'resource "aws_s3_bucket" "none" {\n  count = 0\n}',
        'resource "aws_s3_bucket" "off" {\n  count = var.enabled\n}',
        'resource "aws_s3_bucket" "each" {\n  for_each = { a = 1, b = 2 }\n}',
        'resource "aws_s3_bucket" "list" {\n  for_each = ["x", "y", "z"]\n}',
        'resource "aws_s3_bucket" "cond" {\n  count = var.create ? 1 : 0\n}',
        'variable "enabled" {\n  default = 0\n}',
      ].join('\n'),
    }).get('/r')!;
    const count = (name: string) => module.instanceCount(module.resources.find(({ block }) => block.labels[1] === name)!.block);
    assert.deepEqual(['none', 'off', 'each', 'list', 'cond'].map(count), [0, 0, 2, 3, undefined]);
    assert.deepEqual(
      module.resourcesOf('aws_s3_bucket').map(({ block }) => block.labels[1]),
      ['each', 'list', 'cond'],
    );
  });

  it('follows local module sources: a called module reads its variables from its callers when they agree', () => {
    const child = { '/r/modules/db/main.tf': MAIN, '/r/modules/db/variables.tf': 'variable "days" {\n  default = 0\n}\n' };
    const agree = workspace({
      ...child,
      '/r/prod/main.tf': 'module "db" {\n  source = "../modules/db"\n  days   = 7\n}\n',
      '/r/staging/main.tf': 'module "db" {\n  source = "../modules/db"\n  days   = var.days\n}\nvariable "days" {\n  default = 7\n}\n',
    });
    assert.equal(agree.get('/r/modules/db')!.callers.length, 2);
    assert.equal(resolved(agree.get('/r/modules/db')!, 'aws_db_instance.main', 'backup_retention_period'), 7);
    const disagree = workspace({
      ...child,
      '/r/prod/main.tf': 'module "db" {\n  source = "../modules/db"\n  days   = 7\n}\n',
      '/r/dev/main.tf': 'module "db" {\n  source = "../modules/db"\n}\n',
    });
    assert.equal(resolved(disagree.get('/r/modules/db')!, 'aws_db_instance.main', 'backup_retention_period'), undefined);
    const examplesOnly = workspace({
      ...child,
      '/r/examples/complete/main.tf': 'module "db" {\n  source = "../../modules/db"\n  days = 9\n}\n',
    });
    assert.equal(examplesOnly.get('/r/modules/db')!.callers.length, 0, 'an example does not decide how the module runs');
    assert.equal(resolved(examplesOnly.get('/r/modules/db')!, 'aws_db_instance.main', 'backup_retention_period'), 0);
    assert.equal(agree.get('/r/prod')!.localSourceFolder(agree.get('/r/prod')!.moduleCalls[0].block), '/r/modules/db');
  });

  it('the analyzer judges a called module by what its callers pass', () => {
    const files = {
      '/r/modules/db/main.tf': 'resource "aws_db_instance" "main" {\n  backup_retention_period = var.days\n}\n',
      '/r/modules/db/variables.tf': 'variable "days" {\n  default = 0\n}\n',
      '/r/live/main.tf': 'module "db" {\n  source = "../modules/db"\n  days   = 7\n}\n',
    };
    const parsed = Object.entries(files).map(([path, text]) => parseTerraformFile(path, text));
    const facts = { deploysWithKubernetes: false, terraform: { files: parsed } };
    const withCaller = analyzeTerraform(files['/r/modules/db/main.tf'], facts, '/r/modules/db/main.tf');
    assert.deepEqual(
      withCaller.findings.filter((finding) => finding.ruleId === 'tf/db-backups'),
      [],
    );
    const alone = analyzeTerraform(
      files['/r/modules/db/main.tf'],
      { deploysWithKubernetes: false, terraform: { files: parsed.slice(0, 2) } },
      '/r/modules/db/main.tf',
    );
    assert.equal(alone.findings.filter((finding) => finding.ruleId === 'tf/db-backups').length, 1, 'the default 0 when nobody calls it');
  });
});
