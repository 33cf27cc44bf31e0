import { defineRule } from '../../engine/ruleModule';
import { probeDetector } from '../probeRules';

/** k8s/liveness-probe: every long-running container declares a livenessProbe, so a hung process is restarted (Jobs and CronJobs run to completion and need none). */
export const rule = defineRule('kubernetes', probeDetector('k8s/liveness-probe', 'livenessProbe'));
