import { defineRule } from '../../engine/ruleModule';
import { danglingSelectors } from '../danglingReferences';

/** k8s/dangling-disruption-budget: see danglingReferences.ts (the file's own reading) and deployment/judge/danglingReferences.ts (the workspace's). */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/dangling-disruption-budget',
  detect(manifests) {
    return danglingSelectors(manifests, 'PodDisruptionBudget', this.ruleId);
  },
});
