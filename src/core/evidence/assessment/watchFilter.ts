import { posixBasename } from '../../fileSystem';
import { STAGE_FILE_NAME } from '../../workspace/stageResolution';
import { builtinSignalCatalog } from '../catalog/signalCatalog';
import { relevanceFor } from '../scan/collectFacts';
import { NEVER_DESCEND } from '../scan/neverDescend';

/**
 * Whether a created, changed or deleted file can change an assessment — the
 * filter for the editor's file-system watcher, so a scan is re-run (debounced)
 * only when a file a detector reads, a `.stage.yml` or a `.gitignore` changes.
 * `relativePath` is relative to the workspace folder.
 */
export function affectsEvidence(relativePath: string): boolean {
  const segments = relativePath.split('/');
  if (segments.slice(0, -1).some((segment) => NEVER_DESCEND.has(segment))) return false;
  const basename = posixBasename(relativePath);
  if (basename === STAGE_FILE_NAME || basename === '.gitignore') return true;
  // Service roots are not known here: a path matches if any suffix of it would match from a service root.
  const relevance = relevanceFor(builtinSignalCatalog());
  for (let start = 0; start < segments.length; start++) {
    if (relevance.test(segments.slice(start).join('/'), basename)) return true;
  }
  return false;
}
