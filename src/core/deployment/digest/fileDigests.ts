import { posixBasename } from '../../fileSystem';
import { analyzeFile } from '../../rules/engine/analyzeFile';
import type { AnalyzeFileContext } from '../../rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import type { FileDigest } from '../types';
import { isDeploymentSupportFile, supportFileDigests } from './supportFileDigests';

/**
 * The digests of any workspace file, for a caller that reads files only to
 * build the workspace model (the editor's background walk): the rule
 * engine's own digests for config files (the same code a scan runs), the
 * support files' for kustomizations and scripts.
 */
export function fileDigests(path: string, text: string, context: AnalyzeFileContext = {}): FileDigest[] {
  const digests = isDeploymentSupportFile(posixBasename(path)) ? supportFileDigests(path, text, context.parsedYaml) : [];
  const analysis = analyzeFile(path, text, NO_WORKSPACE_FACTS, context);
  return [...digests, ...(analysis?.digests ?? [])];
}
