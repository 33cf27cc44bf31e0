import { defineRule } from '../../engine/ruleModule';
import { danglingScaleTargets } from '../danglingReferences';

/** k8s/dangling-autoscaler: see danglingReferences.ts (the file's own reading) and deployment/judge/danglingReferences.ts (the workspace's). */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/dangling-autoscaler',
  detect(manifests) {
    return danglingScaleTargets(manifests, this.ruleId);
  },
});
