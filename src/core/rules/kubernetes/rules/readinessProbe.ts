import { defineRule } from '../../engine/ruleModule';
import { probeDetector } from '../probeRules';

/** k8s/readiness-probe: every long-running container declares a readinessProbe, so traffic waits until the container is ready (Jobs and CronJobs run to completion and need none). */
export const rule = defineRule('kubernetes', probeDetector('k8s/readiness-probe', 'readinessProbe'));
