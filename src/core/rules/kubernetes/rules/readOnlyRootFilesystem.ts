import { defineRule } from '../../engine/ruleModule';
import { containerSettingDetector } from '../containerSettings';

/** k8s/read-only-root-filesystem: a writable root lets an attacker drop tools and persist inside the container. */
export const rule = defineRule(
  'kubernetes',
  containerSettingDetector({
    ruleId: 'k8s/read-only-root-filesystem',
    field: 'readOnlyRootFilesystem',
    safe: 'true',
    risk: 'an intruder can write tools and changes into the container (mount an emptyDir where the app must write)',
  }),
);
