import type { RawFinding } from '../../types';
import { getValue, nodeRange, scalarString } from '../../yaml/yamlSupport';
import { imagePinning } from '../../containerImage';
import type { ImagePinning } from '../../containerImage';
import type { KubernetesDetector } from '../detector';
import type { ManifestFile } from '../manifestModel';
import { describe } from '../manifestModel';

/** Every container image (init containers included) with its pinning. */
function eachImage(
  manifests: ManifestFile,
  report: (image: string, pinning: ImagePinning, range: NonNullable<ReturnType<typeof nodeRange>>, owner: string) => void,
): void {
  for (const workload of manifests.workloads) {
    for (const container of [...workload.initContainers, ...workload.containers]) {
      const node = getValue(container.map, 'image');
      const image = scalarString(node);
      const range = nodeRange(manifests.file, node);
      if (image !== undefined && range) report(image, imagePinning(image), range, describe(workload.object));
    }
  }
}

/** k8s/image-tag: no tag or `:latest` — what runs changes with every pull (and node). */
export const imageTagDetector: KubernetesDetector = {
  ruleId: 'k8s/image-tag',
  detect(manifests) {
    const findings: RawFinding[] = [];
    eachImage(manifests, (image, pinning, range, owner) => {
      if (pinning !== 'latest' && pinning !== 'untagged') return;
      const what = pinning === 'latest' ? 'uses the moving `latest` tag' : 'has no tag (so `latest`)';
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Image "${image}" of ${owner} ${what}: nodes can run different code, and a rollback cannot name the old version.`,
      });
    });
    return findings;
  },
};

/** k8s/image-digest: a tag can be re-pushed; only a digest names exactly one image. */
export const imageDigestDetector: KubernetesDetector = {
  ruleId: 'k8s/image-digest',
  detect(manifests) {
    const findings: RawFinding[] = [];
    eachImage(manifests, (image, pinning, range, owner) => {
      if (pinning !== 'tag' && pinning !== 'latest' && pinning !== 'untagged') return;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `Image "${image}" of ${owner} is not pinned by digest: whoever can push the tag decides what runs.`,
      });
    });
    return findings;
  },
};
