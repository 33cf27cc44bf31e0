import type { Node } from 'yaml';
import { getValue, scalarString, seqItems } from '../yaml/yamlSupport';
import type { K8sObject } from './manifestModel';

/** One rule of a Role or ClusterRole, with the item nodes findings point at. */
export interface PolicyRule {
  apiGroups: string[];
  resources: Array<{ value: string; node: Node }>;
  verbs: Array<{ value: string; node: Node }>;
  hasResourceNames: boolean;
}

export const ROLE_KINDS: ReadonlySet<string> = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS: ReadonlySet<string> = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** The `rules:` of a Role or ClusterRole (an aggregated ClusterRole's rules are filled in by the cluster: none to read). */
export function policyRules(object: K8sObject): PolicyRule[] {
  if (!ROLE_KINDS.has(object.kind)) return [];
  return seqItems(getValue(object.map, 'rules')).map((rule) => ({
    apiGroups: seqItems(getValue(rule, 'apiGroups')).map((item) => scalarString(item) ?? ''),
    resources: items(getValue(rule, 'resources')),
    verbs: items(getValue(rule, 'verbs')),
    hasResourceNames: seqItems(getValue(rule, 'resourceNames')).length > 0,
  }));
}

function items(node: unknown): Array<{ value: string; node: Node }> {
  return seqItems(node).flatMap((item) => {
    const value = scalarString(item);
    return value === undefined ? [] : [{ value, node: item as Node }];
  });
}

/** Groups the Kubernetes API itself serves: the core group (""), `apps`, `batch`…, and every `*.k8s.io` group. */
const BUILTIN_GROUPS = new Set(['', '*', 'apps', 'batch', 'policy', 'autoscaling', 'extensions']);

/**
 * Whether a rule reaches built-in resources. A rule limited to an operator's own API group
 * (`cache.example.com`) only grants rights on the operator's custom resources: a wildcard there is the
 * operator managing what it owns, not a grant over the cluster.
 */
export function reachesBuiltinResources(rule: PolicyRule): boolean {
  return rule.apiGroups.some((group) => BUILTIN_GROUPS.has(group) || group.endsWith('.k8s.io') || group === 'k8s.io');
}

/** A binding's `roleRef` (kind and name) and the service accounts among its subjects. */
export interface Binding {
  roleKind?: string;
  roleName?: string;
  roleNameNode?: Node;
  serviceAccounts: Array<{ name: string; namespace?: string }>;
}

export function bindingOf(object: K8sObject): Binding | undefined {
  if (!BINDING_KINDS.has(object.kind)) return undefined;
  const roleRef = getValue(object.map, 'roleRef');
  const roleNameNode = getValue(roleRef, 'name') ?? undefined;
  const serviceAccounts = seqItems(getValue(object.map, 'subjects')).flatMap((subject) => {
    const name = scalarString(getValue(subject, 'name'));
    if (scalarString(getValue(subject, 'kind')) !== 'ServiceAccount' || name === undefined) return [];
    // A subject without a namespace is in the binding's own namespace (RoleBinding) or unknown (set at apply time).
    const namespace = scalarString(getValue(subject, 'namespace')) ?? object.namespace;
    return [namespace === undefined ? { name } : { name, namespace }];
  });
  return {
    roleKind: scalarString(getValue(roleRef, 'kind')),
    roleName: scalarString(roleNameNode),
    roleNameNode: roleNameNode ?? undefined,
    serviceAccounts,
  };
}
