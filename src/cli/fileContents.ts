import { createHash } from 'node:crypto';
import type { WorkspaceAssessment } from '../core/evidence/index';
import { nodeFileSystem } from './nodeFileSystem';

/**
 * The text of the files a report points into, read once after the scan: the
 * text report recognises copies by their content, and the GitLab report
 * fingerprints a finding by the text of its line (so it survives lines added
 * above it). Reads go through the CLI's file system, like the scan's.
 */
export interface FileContents {
  /** A hash of the file's content; undefined when it cannot be read. */
  idOf(path: string): string | undefined;
  /** The text of a zero-based line, without its line break; undefined when unknown. */
  line(path: string, line: number): string | undefined;
}

export async function readReportedFiles(assessment: WorkspaceAssessment): Promise<FileContents> {
  const paths = new Set<string>();
  for (const service of assessment.services) {
    if (service.stageFile && service.stageFileProblems.length > 0) paths.add(service.stageFile);
    for (const finding of service.findings) if (finding.severity !== undefined) paths.add(finding.path);
  }
  const texts = new Map<string, string | undefined>();
  for (const path of [...paths].sort()) texts.set(path, await nodeFileSystem.readText(path));
  const ids = new Map<string, string | undefined>();
  const lines = new Map<string, string[]>();
  return {
    idOf(path) {
      if (!ids.has(path)) {
        const text = texts.get(path);
        ids.set(path, text === undefined ? undefined : createHash('sha256').update(text).digest('hex'));
      }
      return ids.get(path);
    },
    line(path, line) {
      const text = texts.get(path);
      if (text === undefined) return undefined;
      let split = lines.get(path);
      if (!split) {
        split = text.split(/\r?\n|\r/);
        lines.set(path, split);
      }
      return split[line];
    },
  };
}
