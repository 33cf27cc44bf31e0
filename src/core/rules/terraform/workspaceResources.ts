import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TerraformBlock, TerraformModule } from '../../format/terraform/terraformModule';
import type { RawFinding, RuleFix } from '../types';
import type { TerraformContext } from './context';
import { setAttributeFix } from './edits';
import { boolValue, isNonProductionPath, stringValue } from './values';

/**
 * What the workspace-wide Terraform checks share: "is there an X anywhere?" (a CloudTrail trail, an anomaly
 * monitor, a CloudFront distribution), where a workspace-level finding is reported, and which load balancers
 * face the internet.
 */

/** Resources of the types in any module of the workspace (examples and tests left out). */
export function workspaceResources(context: TerraformContext, ...types: string[]): Array<TerraformBlock & { module: TerraformModule }> {
  return context
    .acrossWorkspace(`resources:${types.join(',')}`, (module) => module.resourcesOf(...types))
    .flatMap(({ module, value }) => value.map((entry) => ({ ...entry, module })));
}

/**
 * A call to a module from a registry or git whose source names one of `words` (`terraform-aws-modules/cloudfront/aws`):
 * it may create the resource looked for, so its absence is unknown.
 */
export function remoteModuleMentions(context: TerraformContext, ...words: string[]): boolean {
  const answers = context.acrossWorkspace(`mentions:${words.join(',')}`, (module) =>
    module.moduleCalls.some(({ block }) => {
      const source = stringValue(module.value(block.body, 'source'))?.toLowerCase() ?? '';
      return module.localSourceFolder(block) === undefined && words.some((word) => source.includes(word));
    }),
  );
  return answers.some(({ value }) => value);
}

/**
 * Where a finding about the whole AWS account (Google Cloud project, Azure subscription: `provider`) is reported,
 * once per workspace: the first `provider "aws"` block (by path, then position) of a module that is no example, test or dev environment (a dev account is
 * not asked what production's is); undefined when it lies in another file or there is none (a workspace of
 * child modules leaves the account to its callers).
 */
export function accountProviderBlock(context: TerraformContext, provider = 'aws'): HclBlock | undefined {
  if (context.isNonProduction()) return undefined;
  const providers = context
    .acrossWorkspace(`${provider}-providers`, (module) =>
      module.providers.filter(({ block, file }) => block.labels[0] === provider && !isNonProductionPath(file.path, context.root)),
    )
    .flatMap(({ value }) => value)
    .sort((a, b) => (a.file.path === b.file.path ? a.block.start - b.block.start : a.file.path < b.file.path ? -1 : 1));
  const first = providers[0];
  return first && first.file.path === context.file.path ? first.block : undefined;
}

/**
 * The one finding about something the whole account lacks (no trail, no anomaly monitor), at its provider block
 * (see accountProviderBlock): empty in every other file, so the workspace hears it once.
 */
export function accountFinding(context: TerraformContext, ruleId: string, provider: string, message: string): RawFinding[] {
  const block = accountProviderBlock(context, provider);
  return block ? [context.finding(ruleId, context.headerRange(block), message)] : [];
}

/**
 * An application load balancer facing the internet: `aws_lb`/`aws_alb` not `internal` (absent is public), of type
 * application (absent is application). False when either depends on something unknown.
 */
export function isPublicApplicationLoadBalancer(module: TerraformModule, block: HclBlock): boolean {
  const internalWritten = module.written(block.body, 'internal');
  if (internalWritten && boolValue(module.value(block.body, 'internal')) !== false) return false;
  const typeWritten = module.written(block.body, 'load_balancer_type');
  return !typeWritten || stringValue(module.value(block.body, 'load_balancer_type')) === 'application';
}

/**
 * Sets several boolean attributes of one block to `true` in one fix: attributes that are written get their value
 * replaced, missing ones are inserted together (one insertion, so fix-all never applies two at one place).
 */
export function setTrueFix(context: TerraformContext, block: HclBlock, keys: readonly string[], title: string): RuleFix | undefined {
  const edits: RuleFix['edits'] = [];
  const missing: string[] = [];
  for (const key of keys) {
    if (block.body.entries.some((entry) => entry.key === key)) {
      const fix = setAttributeFix(context, block.body, key, 'true', title);
      if (!fix) return undefined;
      edits.push(...fix.edits);
    } else missing.push(key);
  }
  if (missing.length > 0) {
    const insert = setAttributeFix(context, block.body, missing[0], 'true', title);
    if (!insert) return undefined;
    const [edit] = insert.edits;
    const indent = edit.newText.slice(0, edit.newText.length - edit.newText.trimStart().length);
    edits.push({ ...edit, newText: missing.map((key) => `${indent}${key} = true\n`).join('') });
  }
  return edits.length > 0 ? { title, edits } : undefined;
}
