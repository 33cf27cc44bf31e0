import { nodeFileSystem } from '../../../../src/cli/nodeFileSystem';
import { chartFileListed, scopeFactsFor, workspaceModelScan } from '../../../../src/core/evidence/assessment/workspaceModelScan';
import type { WorkspaceModelScan } from '../../../../src/core/evidence/assessment/workspaceModelScan';
import type { CoreFileSystem } from '../../../../src/core/fileSystem';
import { analyzeFile } from '../../../../src/core/rules/engine/analyzeFile';
import type { FileAnalysis, WorkspaceFacts } from '../../../../src/core/rules/types';
import { TreeFileSystem } from './treeFileSystem';

/**
 * The editor's way to the workspace facts, as a test can take it: WorkspaceFactsService scans the workspace folder
 * with `workspaceModelScan` (the scan `check` runs), and GuidanceService analyses an open file's text with the facts of
 * the deepest scanned service that holds it (`scopeFactsFor`), asking the scan whether a YAML file exists (a Helm
 * chart's `Chart.yaml`). Not judged by the deployment model: the tests that use it ask what the facts decide.
 */
export interface EditorScan {
  scan: WorkspaceModelScan;
  /** The facts a file at `path` is analysed with. */
  factsFor(path: string): WorkspaceFacts;
  /** The file's analysis, as GuidanceService makes it before judging it. */
  analyze(path: string, text: string): FileAnalysis | undefined;
}

/** Scans the files (absolute POSIX path → text) as a workspace folder at `root`, in memory. */
export function editorScanOf(
  files: Record<string, string> | ReadonlyArray<{ path: string; text: string }>,
  root: string,
): Promise<EditorScan> {
  const byPath = Array.isArray(files) ? Object.fromEntries(files.map(({ path, text }) => [path, text])) : files;
  return editorScanAt(root, new TreeFileSystem(byPath));
}

/** Scans the workspace folder at `root` (on disk unless `fs` says otherwise). */
export async function editorScanAt(root: string, fs: CoreFileSystem = nodeFileSystem): Promise<EditorScan> {
  const scan = await workspaceModelScan(root, { fs, workspaceRoot: root, today: '2026-01-01' });
  const isFile = (path: string) => chartFileListed(scan, path);
  return {
    scan,
    factsFor: (path) => scopeFactsFor(scan, path),
    analyze: (path, text) => analyzeFile(path, text, scopeFactsFor(scan, path), { isFile }),
  };
}
