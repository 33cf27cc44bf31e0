import { anchoredEdits, insertAtPath } from '../yaml/yamlEdits';
import type { YamlEntries } from '../yaml/yamlEdits';
import { findPair, getPath, keyRange, nodeRange, scalarString } from '../yaml/yamlSupport';
import type { Container, ManifestFile } from './manifestModel';
import { mustCreateMap } from './mapCreation';

/** Starting points the fix titles ask the user to size. */
export const DEFAULT_REQUESTS: Readonly<Record<'cpu' | 'memory', string>> = { cpu: '100m', memory: '128Mi' };
export const DEFAULT_MEMORY_LIMIT = '256Mi';

export function resource(container: Container, section: 'requests' | 'limits', name: string): string | undefined {
  return scalarString(getPath(container.map, ['resources', section, name]));
}

/** Where a container-level resources finding points: `resources:` when written, else the container's name. */
export function findingRange(manifests: ManifestFile, container: Container) {
  const pair = findPair(container.map, 'resources');
  return (pair && keyRange(manifests.file, pair)) || nodeRange(manifests.file, container.anchorNode);
}

/**
 * Edits under `resources.<section>`. Both resource fixes may create `resources:`
 * in the same container; then they are anchored (they overlap), so fix-all
 * writes it once and adds the other section on its next pass.
 */
export function resourceEdits(manifests: ManifestFile, container: Container, section: 'requests' | 'limits', entries: YamlEntries) {
  const edits = insertAtPath(manifests.file, container.map, ['resources', section], entries);
  return mustCreateMap(container.map, 'resources') ? anchoredEdits(manifests.file, edits) : edits;
}
