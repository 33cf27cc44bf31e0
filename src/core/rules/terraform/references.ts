import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TreeValue } from '../../evidence/parsers/locatedTree';
import type { TerraformModule } from '../../format/terraform/terraformModule';
import type { TerraformContext } from './context';
import { expandLists } from '../../evidence/parsers/locatedTree';

/**
 * What an argument that names another resource points at, read the way a reviewer follows
 * `aws_lb.web.arn` by eye: the addresses (`aws_lb.web`) of the resources of the given types its expression
 * references, and whether it may point at something else too (a variable, a module output, a data source, a
 * literal ARN or domain) — then which resource it names is unknown, and the rules reading it stay silent.
 */
export interface References {
  addresses: string[];
  /** False when some part names something other than a resource of the given types in this module. */
  known: boolean;
}

/** The resource addresses `value` references, among `types` (an empty `types` accepts any resource type). */
export function referencesOf(value: TreeValue | undefined, types: readonly string[] = []): References {
  const addresses: string[] = [];
  let known = true;
  if (!value) return { addresses, known: false };
  for (const item of expandLists(value)) {
    // A literal (an ARN, a domain name) names something this module does not manage.
    if (item.kind !== 'scalar' || !item.expression || typeof item.value !== 'string') {
      known = false;
      continue;
    }
    const found = resourceAddresses(item.value).filter((address) => types.length === 0 || types.includes(address.split('.')[0]));
    // `var.x`, `module.cdn.arn`, `data.aws_lb.x.arn`: not a resource of this module.
    if (found.length === 0) known = false;
    addresses.push(...found);
  }
  return { addresses, known };
}

/** Provider prefixes of resource types: the first word of a reference that names a resource. */
const RESOURCE_PREFIXES = ['aws_', 'google_', 'azurerm_'];

/** `aws_lb.web` for each `aws_lb.web.arn` / `aws_lb.web[0].arn` / `${aws_lb.web.id}` in an expression's text. */
export function resourceAddresses(text: string): string[] {
  const addresses: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isNameChar(text.charCodeAt(i)) || (i > 0 && isNameChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && (isNameChar(text.charCodeAt(end)) || text[end] === '.')) end++;
    const parts = text.slice(i, end).split('.');
    const before = i > 0 ? text[i - 1] : '';
    // `data.aws_lb.x` and `module.x.aws_lb` are not resources of this module; a word after a dot is an attribute.
    if (before !== '.' && parts.length >= 2 && RESOURCE_PREFIXES.some((prefix) => parts[0].startsWith(prefix)) && parts[1] !== '') {
      const address = `${parts[0]}.${parts[1]}`;
      if (!addresses.includes(address)) addresses.push(address);
    }
    i = end;
  }
  return addresses;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** The address of a resource block: `aws_lb.web`. */
export function addressOf(labels: readonly string[]): string {
  return `${labels[0] ?? ''}.${labels[1] ?? ''}`;
}

/**
 * The resources of `context`'s module that arguments across the workspace name: for each resource of
 * `sourceTypes` in any module, the values `read` returns (a policy's `autoscaling_group_name`, a flow log's
 * `vpc_id`). Only this module's own references name its resources (another folder's `aws_lb.web` is another
 * load balancer); a reference anywhere that names something unknown (a variable, a module output) may name one of
 * them, so `known` is false and the rule reading it stays silent.
 */
export function namedAcrossWorkspace(
  context: TerraformContext,
  sourceTypes: readonly string[],
  read: (module: TerraformModule, block: HclBlock) => Array<TreeValue | undefined>,
  targetTypes: readonly string[],
): References {
  // `read` is a pure function of the types (one per rule and question), so they identify the answers.
  const key = `named:${sourceTypes.join(',')}>${targetTypes.join(',')}`;
  const addresses: string[] = [];
  let known = true;
  for (const { module, value } of context.acrossWorkspace(key, (module) => namedIn(module, sourceTypes, read, targetTypes))) {
    known &&= value.known;
    if (module === context.module) addresses.push(...value.addresses);
  }
  return { addresses, known };
}

function namedIn(
  module: TerraformModule,
  sourceTypes: readonly string[],
  read: (module: TerraformModule, block: HclBlock) => Array<TreeValue | undefined>,
  targetTypes: readonly string[],
): References {
  const addresses: string[] = [];
  let known = true;
  for (const { block } of module.resourcesOf(...sourceTypes)) {
    for (const value of read(module, block)) {
      if (value === undefined) continue;
      const references = referencesOf(value, targetTypes);
      known &&= references.known;
      addresses.push(...references.addresses);
    }
  }
  return { addresses, known };
}
