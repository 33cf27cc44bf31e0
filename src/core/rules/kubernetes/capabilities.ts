import { getValue } from '../yaml/yamlSupport';
import type { Container } from './manifestModel';
import { containerSecurityPair } from './securityContext';

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` are one capability (the runtime accepts all three). */
export function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** A container's `securityContext.capabilities` map (add and drop lists). */
export function capabilities(container: Container) {
  return getValue(containerSecurityPair(container)?.value, 'capabilities');
}
