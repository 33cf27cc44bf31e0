import type { RawFinding } from '../types';
import type { ManifestFile } from './manifestModel';

/** One Kubernetes rule's detection over every object of a (multi-document) manifest file. */
export interface KubernetesDetector {
  ruleId: string;
  detect(manifests: ManifestFile): RawFinding[];
}
