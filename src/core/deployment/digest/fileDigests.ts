import { analyzeFile } from '../../rules/engine/analyzeFile';
import type { AnalyzeFileContext } from '../../rules/engine/analyzeFile';
import { NO_WORKSPACE_FACTS } from '../../rules/types';
import type { WorkspaceFacts } from '../../rules/types';
import type { FileDigest } from '../types';
import { isDeploymentSupportPath, supportFileDigests } from './supportFileDigests';

/**
 * The digests of any workspace file, for a caller that reads files only to
 * build the workspace model (the editor's background walk): the rule
 * engine's own digests for config files (the same code a scan runs), the
 * support files' for kustomizations and scripts. `facts`: the workspace's, when known (a GitLab CI file
 * is then digested as part of the pipeline that reads it).
 */
export function fileDigests(
  path: string,
  text: string,
  context: AnalyzeFileContext = {},
  facts: WorkspaceFacts = NO_WORKSPACE_FACTS,
): FileDigest[] {
  const digests = isDeploymentSupportPath(path) ? supportFileDigests(path, text, context.parsedYaml) : [];
  // The facts place a file in its GitLab pipeline (its jobs run in the pipeline's project folder).
  const analysis = analyzeFile(path, text, facts, context);
  return [...digests, ...(analysis?.digests ?? [])];
}
