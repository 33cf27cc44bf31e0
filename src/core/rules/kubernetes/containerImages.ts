import { getValue, nodeRange, scalarString } from '../yaml/yamlSupport';
import { imagePinning } from '../containerImage';
import type { ImagePinning } from '../containerImage';
import type { ManifestFile } from './manifestModel';
import { describe, everyContainer } from './manifestModel';

/** Every container image (init containers included) with its pinning. */
export function eachImage(
  manifests: ManifestFile,
  report: (image: string, pinning: ImagePinning, range: NonNullable<ReturnType<typeof nodeRange>>, owner: string) => void,
): void {
  for (const workload of manifests.workloads) {
    for (const container of everyContainer(workload)) {
      const node = getValue(container.map, 'image');
      const image = scalarString(node);
      const range = nodeRange(manifests.file, node);
      if (image !== undefined && range) report(image, imagePinning(image), range, describe(workload.object));
    }
  }
}
