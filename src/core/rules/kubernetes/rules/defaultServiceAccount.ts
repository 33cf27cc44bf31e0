import type { RawFinding } from '../../types';
import { insertEntries, replaceValue } from '../../yaml/yamlEdits';
import { findPair, getValue, keyRange, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { fixOf } from '../../compose/fix';
import { describe } from '../manifestModel';
import { serviceAccountOf } from '../serviceAccounts';

/**
 * k8s/default-service-account: a workload that runs as its namespace's `default` ServiceAccount and
 * mounts its token shares one identity with every other pod there: whatever the `default` account is
 * granted, each of them holds, and no RBAC rule can tell them apart. Quiet when the pod turns the token
 * off (`automountServiceAccountToken: false`, the quick fix) or the file's `default` ServiceAccount does.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/default-service-account',
  detect(manifests) {
    const findings: RawFinding[] = [];
    const defaultOff = manifests.objects.some(
      (object) =>
        object.kind === 'ServiceAccount' &&
        object.name === 'default' &&
        scalarString(getValue(object.map, 'automountServiceAccountToken')) === 'false',
    );
    for (const workload of manifests.workloads) {
      const account = serviceAccountOf(workload);
      if (account.name !== 'default' || defaultOff) continue;
      const automount = findPair(workload.podSpec, 'automountServiceAccountToken');
      if (scalarString(automount?.value) === 'false') continue;
      const range = (account.node && nodeRange(manifests.file, account.node)) ?? keyRange(manifests.file, workload.podSpecPair);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(workload.object)} runs as the namespace's default ServiceAccount ${account.node ? '' : '(no serviceAccountName) '}with its token mounted: it shares one identity with every other pod there.`,
        fix: fixOf('Set automountServiceAccountToken: false (or give it its own ServiceAccount)', () =>
          automount
            ? replaceValue(manifests.file, workload.podSpec, 'automountServiceAccountToken', 'false')
            : insertEntries(manifests.file, workload.podSpec, { automountServiceAccountToken: 'false' }, { before: 'containers' }),
        ),
      });
    }
    return findings;
  },
});
