import type { Random } from './random';
import type { GeneratedFile } from './service';

/**
 * The Terraform-heavy variant of the generated workspace (issue 16): an
 * infrastructure repository laid out as Terraform teams do — reusable modules
 * (`modules/<name>/` with main.tf holding many resources, variables.tf,
 * outputs.tf, versions.tf) called by environments (`environments/<env>/<stack>/`
 * with main.tf calling the modules by local source, providers.tf, backend.tf,
 * terraform.tfvars and a per-environment `.tfvars`). Deterministic for a seed.
 */
export interface TerraformShape {
  /** Reusable modules; each main.tf holds `resourcesPerModule` resources. */
  modules: number;
  resourcesPerModule: number;
  /** Environments × stacks: each stack calls a few modules. */
  environments: readonly string[];
  stacks: number;
}

export const TERRAFORM_SHAPE: TerraformShape = {
  modules: 24,
  resourcesPerModule: 30,
  environments: ['dev', 'staging', 'prod'],
  stacks: 10,
};

const KINDS = ['network', 'database', 'cache', 'queue', 'storage', 'cluster', 'dns', 'cdn', 'iam', 'monitoring', 'secrets', 'search'];

export function terraformWorkspaceFiles(random: Random, shape: TerraformShape = TERRAFORM_SHAPE): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const modules = Array.from(
    { length: shape.modules },
    (_, index) => `${KINDS[index % KINDS.length]}${index >= KINDS.length ? `-${index}` : ''}`,
  );
  for (const [index, name] of modules.entries()) {
    const dir = `modules/${name}`;
    files.push([`${dir}/main.tf`, moduleMain(name, index, shape.resourcesPerModule, random)]);
    files.push([`${dir}/variables.tf`, MODULE_VARIABLES]);
    files.push([`${dir}/outputs.tf`, `output "id" {\n  value = aws_security_group.sg_0.id\n}\n\noutput "name" {\n  value = var.name\n}\n`]);
    files.push([`${dir}/versions.tf`, VERSIONS]);
  }
  for (const env of shape.environments) {
    for (let stack = 0; stack < shape.stacks; stack++) {
      const dir = `environments/${env}/stack-${stack}`;
      const called = [0, 1, 2].map((offset) => modules[(stack * 3 + offset) % modules.length]);
      files.push([`${dir}/main.tf`, stackMain(env, stack, called)]);
      files.push([`${dir}/variables.tf`, STACK_VARIABLES]);
      files.push([
        `${dir}/providers.tf`,
        `provider "aws" {\n  region = var.region\n  default_tags {\n    tags = {\n      environment = "${env}"\n    }\n  }\n}\n`,
      ]);
      files.push([
        `${dir}/backend.tf`,
        `terraform {\n  backend "s3" {\n    bucket         = "shop-terraform-state"\n    key            = "${env}/stack-${stack}/terraform.tfstate"\n    region         = "eu-west-1"\n    dynamodb_table = "terraform-locks"\n    encrypt        = true\n  }\n}\n`,
      ]);
      files.push([
        `${dir}/terraform.tfvars`,
        `region         = "eu-west-1"\ninstance_class = "${env === 'prod' ? 'db.r6g.large' : 'db.t4g.small'}"\nreplicas       = ${env === 'prod' ? 3 : 1}\n`,
      ]);
      files.push([
        `${dir}/${env}.tfvars`,
        `multi_az            = ${env === 'prod'}\ndeletion_protection = ${env === 'prod'}\nbackup_retention    = ${random.int(1, 30)}\n`,
      ]);
    }
  }
  return files;
}

/** Many resources of the kinds Terraform rules read: security groups, buckets, databases, instances, load balancers. */
function moduleMain(name: string, index: number, resources: number, random: Random): string {
  const blocks: string[] = [
    `locals {\n  name = "\${var.name}-${name}"\n  tags = merge(var.tags, { module = "${name}" })\n}\n`,
    `data "aws_caller_identity" "current" {}\n`,
  ];
  for (let n = 0; n < resources; n++) {
    switch (n % 6) {
      case 0:
        blocks.push(
          `resource "aws_security_group" "sg_${n}" {\n  name   = "\${local.name}-${n}"\n  vpc_id = var.vpc_id\n\n  ingress {\n    from_port   = ${443 + (n % 3)}\n    to_port     = ${443 + (n % 3)}\n    protocol    = "tcp"\n    cidr_blocks = [${random.chance(0.2) ? '"0.0.0.0/0"' : 'var.cidr'}]\n  }\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  tags = local.tags\n}\n`,
        );
        break;
      case 1:
        blocks.push(
          `resource "aws_s3_bucket" "bucket_${n}" {\n  bucket = "\${local.name}-${index}-${n}"\n  tags   = local.tags\n}\n\nresource "aws_s3_bucket_versioning" "bucket_${n}" {\n  bucket = aws_s3_bucket.bucket_${n}.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`,
        );
        break;
      case 2:
        blocks.push(
          `resource "aws_db_instance" "db_${n}" {\n  identifier              = "\${local.name}-${n}"\n  engine                  = "postgres"\n  engine_version          = "16.3"\n  instance_class          = var.instance_class\n  allocated_storage       = 50\n  storage_encrypted       = ${random.chance(0.8)}\n  multi_az                = var.multi_az\n  backup_retention_period = var.backup_retention\n  deletion_protection     = var.deletion_protection\n  username                = "app"\n  password                = var.db_password\n  skip_final_snapshot     = false\n  tags                    = local.tags\n}\n`,
        );
        break;
      case 3:
        blocks.push(
          `resource "aws_instance" "worker_${n}" {\n  ami           = "ami-0abcdef${String(n).padStart(4, '0')}"\n  instance_type = "t3.medium"\n  subnet_id     = var.subnet_ids[${n % 3}]\n\n  metadata_options {\n    http_tokens = "${random.chance(0.7) ? 'required' : 'optional'}"\n  }\n\n  root_block_device {\n    encrypted   = true\n    volume_size = 30\n  }\n\n  tags = local.tags\n}\n`,
        );
        break;
      case 4:
        blocks.push(
          `resource "aws_lb_listener" "listener_${n}" {\n  load_balancer_arn = var.lb_arn\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = var.certificate_arn\n\n  default_action {\n    type             = "forward"\n    target_group_arn = var.target_group_arn\n  }\n}\n`,
        );
        break;
      default:
        blocks.push(
          `resource "aws_cloudwatch_log_group" "logs_${n}" {\n  name              = "/shop/\${local.name}/${n}"\n  retention_in_days = ${random.pick([7, 14, 30, 90])}\n  tags              = local.tags\n}\n`,
        );
    }
  }
  return blocks.join('\n');
}

function stackMain(env: string, stack: number, modules: readonly string[]): string {
  const calls = modules.map(
    (module) =>
      `module "${module}" {\n  source = "../../../modules/${module}"\n\n  name                = "shop-${env}-${stack}"\n  vpc_id              = var.vpc_id\n  cidr                = var.cidr\n  subnet_ids          = var.subnet_ids\n  instance_class      = var.instance_class\n  multi_az            = var.multi_az\n  backup_retention    = var.backup_retention\n  deletion_protection = var.deletion_protection\n  db_password         = var.db_password\n  lb_arn              = var.lb_arn\n  certificate_arn     = var.certificate_arn\n  target_group_arn    = var.target_group_arn\n  tags                = { environment = "${env}" }\n}\n`,
  );
  return calls.join('\n');
}

const VARIABLE_NAMES = [
  'name',
  'vpc_id',
  'cidr',
  'subnet_ids',
  'instance_class',
  'multi_az',
  'backup_retention',
  'deletion_protection',
  'lb_arn',
  'certificate_arn',
  'target_group_arn',
];

const MODULE_VARIABLES = [
  ...VARIABLE_NAMES.map((name) => `variable "${name}" {\n  description = "${name.replace(/_/g, ' ')}"\n}\n`),
  `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n`,
  `variable "tags" {\n  type    = map(string)\n  default = {}\n}\n`,
].join('\n');

const STACK_VARIABLES = [
  ...VARIABLE_NAMES.filter((name) => name !== 'name').map((name) => `variable "${name}" {}\n`),
  `variable "region" {\n  type = string\n}\n`,
  `variable "replicas" {\n  type    = number\n  default = 1\n}\n`,
  `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n`,
].join('\n');

const VERSIONS = `terraform {\n  required_version = ">= 1.6"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.40"\n    }\n  }\n}\n`;
