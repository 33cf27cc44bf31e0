import type { RawFinding, WorkspaceFacts } from '../types';
import type { DockerfileModel } from './model';

/** One Dockerfile rule's detection: reads the parsed model, reports findings with exact ranges and optional fixes. */
export interface DockerfileDetector {
  ruleId: string;
  detect(model: DockerfileModel, facts: WorkspaceFacts): RawFinding[];
}
