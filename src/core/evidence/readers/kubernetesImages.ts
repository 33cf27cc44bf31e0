import type { EvidenceFacts } from '../facts';
import { expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';

/** Images of every container and init container, wherever the pod template sits in the resource. */
export function collectContainerImages(path: string, node: TreeValue, facts: EvidenceFacts, depth = 0): void {
  if (depth > 12 || node.kind === 'scalar') return;
  if (node.kind === 'list') {
    for (const item of node.items) collectContainerImages(path, item, facts, depth + 1);
    return;
  }
  for (const entry of node.entries) {
    if ((entry.key === 'containers' || entry.key === 'initContainers') && entry.value.kind === 'list') {
      for (const container of expandLists(entry.value)) {
        if (container.kind !== 'map') continue;
        const image = container.entries.find((candidate) => candidate.key === 'image');
        const text = scalarText(image?.value);
        if (image && text) facts.images.push({ image: text, at: { path, line: image.value.line }, source: 'kubernetes' });
      }
    } else {
      collectContainerImages(path, entry.value, facts, depth + 1);
    }
  }
}
