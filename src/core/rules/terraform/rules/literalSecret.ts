import type { TreeEntry, TreeValue } from '../../../evidence/parsers/locatedTree';
import { posixBasename } from '../../../fileSystem';
import { isTfvarsName } from '../../../format/terraform/terraformFile';
import { isHardCodedSecret, isSecretLikeName } from '../../secretLike';
import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { blockAnchors } from '../anchorPlaces';

/** Provider arguments that are credentials whatever their name says. */
const PROVIDER_CREDENTIALS = new Set([
  'access_key',
  'secret_key',
  'token',
  'password',
  'client_secret',
  'credentials',
  'api_key',
  'api_token',
]);
/** Resource arguments that set a database's or a service's password. */
const RESOURCE_SECRETS = new Set([
  'password',
  'master_password',
  'administrator_password',
  'administrator_login_password',
  'admin_password',
]);

/** Resources whose password attributes are read. */
const SECRET_RESOURCES = ['aws_db_instance', 'aws_rds_cluster', 'azurerm_postgresql_flexible_server', 'google_sql_user'];

/**
 * tf/literal-secret: a password, key or token written as a literal where Terraform reads it — a variable's
 * default, a `.tfvars` value, a provider's credentials, a resource's password. Committed, it is readable by
 * everyone with the repository and stays in its history. References (`var.x`, `data.aws_secretsmanager…`,
 * `random_password.x.result`) are not literals.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/literal-secret',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: SECRET_RESOURCES,
      blocks: ['variable', 'provider'],
    }),
  detect(context) {
    const findings: RawFinding[] = [];
    const report = (value: TreeValue, where: string) => {
      findings.push(context.finding(this.ruleId, context.range(value.start, value.end), `${where} is a secret written in the repository.`));
    };
    if (isTfvarsName(posixBasename(context.file.path))) {
      for (const entry of context.file.attributes)
        if (isLiteral(entry) && isHardCodedSecret(entry.key, text(entry.value))) report(entry.value, entry.key);
      return findings;
    }
    for (const block of context.blocks('variable')) {
      const name = block.labels[0] ?? '';
      const fallback = block.body.entries.find((entry) => entry.key === 'default');
      if (fallback && isSecretLikeName(name) && isLiteral(fallback) && isHardCodedSecret(name, text(fallback.value)))
        report(fallback.value, `The default of variable "${name}"`);
    }
    for (const block of context.blocks('provider')) {
      for (const entry of block.body.entries) {
        if (PROVIDER_CREDENTIALS.has(entry.key) && isLiteral(entry) && isHardCodedSecret('secret', text(entry.value)))
          report(entry.value, `provider "${block.labels[0] ?? ''}" ${entry.key}`);
      }
    }
    for (const { block } of context.resources(...SECRET_RESOURCES)) {
      for (const entry of block.body.entries) {
        if (RESOURCE_SECRETS.has(entry.key) && isLiteral(entry) && isHardCodedSecret('password', text(entry.value)))
          report(entry.value, `${context.address(block)} ${entry.key}`);
      }
    }
    return findings;
  },
});

function isLiteral(entry: TreeEntry): boolean {
  return entry.value.kind === 'scalar' && !entry.value.expression && typeof entry.value.value === 'string';
}

function text(value: TreeValue): string | undefined {
  return value.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
}
