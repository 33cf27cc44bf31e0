import { defineRule } from '../../engine/ruleModule';
import { danglingSelectors } from '../danglingReferences';

/** k8s/dangling-service: see danglingReferences.ts (the file's own reading) and deployment/judge/danglingReferences.ts (the workspace's). */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/dangling-service',
  detect(manifests) {
    return danglingSelectors(manifests, 'Service', this.ruleId);
  },
});
