import type { FileDigest } from '../types';
import { DeploymentModel } from './deploymentModel';
import type { DeploymentModelOptions } from './deploymentModel';

/** What the build pauses on: the scan's TimeSlicer (evidence/scan/cancellation.ts), which gives the event loop a turn once its budget is spent. */
export interface Pauses {
  maybeYield(): Promise<void>;
}

/**
 * The deployment model, built in small steps with a pause between them: on a large workspace the construction
 * (compose projects, kustomizations, who builds which Dockerfile) is tens of milliseconds in one stretch, more than
 * an extension host may be held. The same model `new DeploymentModel` builds at once.
 */
export async function buildDeploymentModel(
  digests: readonly FileDigest[],
  options: DeploymentModelOptions,
  pauses: Pauses,
  /** Make its signature too (the editor's cache key), in steps: written out at once, a large model's digests take a while. */
  withSignature = false,
): Promise<DeploymentModel> {
  const build: { steps?: Iterator<void> } = {};
  const model = new DeploymentModel(digests, options, build);
  while (!build.steps!.next().done) await pauses.maybeYield();
  if (withSignature) for (const _step of model.signatureSteps()) await pauses.maybeYield();
  return model;
}
