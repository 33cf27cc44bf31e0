import type { HclBlock } from '../../../evidence/parsers/hclTree';
import type { TreeValue } from '../../../evidence/parsers/locatedTree';
import { entriesOf, expandLists } from '../../../evidence/parsers/locatedTree';
import { jsonencodeArgument } from '../../../format/terraform/terraformModule';
import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { stringItems, stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/**
 * tf/iam-wildcard-admin: an IAM statement that allows every action on every resource (`"*"` on `"*"`) — full
 * administrator rights for whoever holds the role, so one leaked key or compromised workload owns the account.
 * Read from `aws_iam_policy_document` statements, `jsonencode({…})` and JSON heredoc policies.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/iam-wildcard-admin',
  anchors: (context) => blockAnchors(context, { resourceTypes: [...POLICY_RESOURCES, 'aws_iam_policy_document'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    const report = (block: HclBlock, at: TreeValue | undefined) =>
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, at),
          `${context.address(block)} allows every action ("*") on every resource ("*").`,
        ),
      );
    for (const block of context.blocks('data')) {
      if (block.labels[0] !== 'aws_iam_policy_document') continue;
      for (const statement of entriesOf(block.body, 'statement')) {
        const effect = stringValue(module.value(statement.value, 'effect')) ?? 'Allow';
        const actions = stringItems(module.value(statement.value, 'actions')).items;
        const resources = stringItems(module.value(statement.value, 'resources')).items;
        if (effect === 'Allow' && actions.includes('*') && resources.includes('*'))
          report(block, module.written(statement.value, 'actions'));
      }
    }
    for (const { block } of context.resources(...POLICY_RESOURCES)) {
      const policy = module.written(block.body, 'policy');
      if (policy?.kind !== 'scalar' || typeof policy.value !== 'string') continue;
      const statements = policy.expression ? fromJsonencode(policy.value) : fromJson(policy.value);
      if (statements.some(isAdminStatement)) report(block, policy);
    }
    return findings;
  },
});

interface Statement {
  effect?: string;
  actions: string[];
  resources: string[];
}

function isAdminStatement(statement: Statement): boolean {
  return (statement.effect ?? 'Allow') === 'Allow' && statement.actions.includes('*') && statement.resources.includes('*');
}

function fromJsonencode(text: string): Statement[] {
  const document = jsonencodeArgument(text);
  const statement = document?.kind === 'map' ? document.entries.find((entry) => entry.key === 'Statement')?.value : undefined;
  if (!statement) return [];
  return expandLists(statement).flatMap((item) => {
    if (item.kind !== 'map') return [];
    const get = (key: string) => item.entries.find((entry) => entry.key === key)?.value;
    return [
      { effect: stringValue(get('Effect')), actions: stringItems(get('Action')).items, resources: stringItems(get('Resource')).items },
    ];
  });
}

function fromJson(text: string): Statement[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return [];
  }
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const record = item as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    return [
      {
        effect: typeof record.Effect === 'string' ? record.Effect : undefined,
        actions: strings(record.Action),
        resources: strings(record.Resource),
      },
    ];
  });
}
