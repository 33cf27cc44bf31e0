import { defineRule } from '../../engine/ruleModule';
import { containerSettingDetector, isPrivileged } from '../containerSettings';

/**
 * k8s/privilege-escalation: `allowPrivilegeEscalation` defaults to true. Skipped
 * for privileged containers: there the privileged finding is the one to fix
 * (and the API server rejects `false` next to `privileged: true`).
 */
export const rule = defineRule(
  'kubernetes',
  containerSettingDetector({
    ruleId: 'k8s/privilege-escalation',
    field: 'allowPrivilegeEscalation',
    safe: 'false',
    risk: 'setuid binaries in the image can gain more privileges than the process started with',
    skip: isPrivileged,
  }),
);
