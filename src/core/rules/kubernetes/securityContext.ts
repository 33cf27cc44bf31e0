import type { Node, Pair } from 'yaml';
import { findPair, getValue, scalarString } from '../yaml/yamlSupport';
import type { Container, Workload } from './manifestModel';

/** A container's `securityContext` pair, when written. */
export function containerSecurityPair(container: Container): Pair<Node, Node | null> | undefined {
  return findPair(container.map, 'securityContext');
}

/** The pair for `key` in the container's securityContext, when written. */
export function containerSecurityField(container: Container, key: string): Pair<Node, Node | null> | undefined {
  return findPair(containerSecurityPair(container)?.value, key);
}

/** The pair for `key` in the pod's securityContext, when written. */
export function podSecurityField(workload: Workload, key: string): Pair<Node, Node | null> | undefined {
  return findPair(getValue(workload.podSpec, 'securityContext'), key);
}

/** A field's effective value: the container's setting wins over the pod's (as the kubelet applies them). */
export function effectiveSecurityValue(
  workload: Workload,
  container: Container,
  key: string,
): { value: string; pair: Pair<Node, Node | null> } | undefined {
  for (const pair of [containerSecurityField(container, key), podSecurityField(workload, key)]) {
    const value = scalarString(pair?.value);
    if (pair && value !== undefined) return { value, pair };
  }
  return undefined;
}
