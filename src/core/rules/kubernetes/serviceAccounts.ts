import type { Node } from 'yaml';
import { getValue, scalarString } from '../yaml/yamlSupport';
import type { Workload } from './manifestModel';

/**
 * The ServiceAccount a pod runs as: `serviceAccountName`, else the deprecated `serviceAccount`, else
 * `default`; with the node that names it, when written.
 */
export function serviceAccountOf(workload: Workload): { name: string; node?: Node } {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const node = getValue(workload.podSpec, key);
    const name = scalarString(node);
    if (name !== undefined && name !== '' && node) return { name, node };
  }
  return { name: 'default' };
}
