import { createHash } from 'node:crypto';
import type { WorkspaceAssessment } from '../core/evidence/index';
import { nodeFileSystem } from './nodeFileSystem';

/**
 * What a report needs of the files it points into, read once after the scan:
 * the text report recognises copies by their content's hash, and the GitLab
 * report fingerprints a finding by the text of its line (so it survives lines
 * added above it). Only the hashes and the lines findings start on are kept.
 * Reads go through the CLI's file system, like the scan's.
 */
export interface FileContents {
  /** A hash of the file's content; undefined when it cannot be read. */
  idOf(path: string): string | undefined;
  /** The text of a zero-based line a finding (or a .stage.yml problem) starts on, without its line break; undefined when unknown. */
  line(path: string, line: number): string | undefined;
}

export async function readReportedFiles(assessment: WorkspaceAssessment): Promise<FileContents> {
  // The lines a report may quote, by file: only these are kept, with each file's hash (never every reported file's whole text).
  const wanted = new Map<string, Set<number>>();
  const want = (path: string, line: number) => {
    let lines = wanted.get(path);
    if (!lines) wanted.set(path, (lines = new Set()));
    lines.add(line);
  };
  for (const service of assessment.services) {
    if (service.stageFile) for (const problem of service.stageFileProblems) want(service.stageFile, problem.range.start.line);
    for (const finding of service.findings) if (finding.severity !== undefined) want(finding.path, finding.range.start.line);
  }
  const ids = new Map<string, string | undefined>();
  const kept = new Map<string, Map<number, string>>();
  for (const path of [...wanted.keys()].sort()) {
    const text = await nodeFileSystem.readText(path);
    ids.set(path, text === undefined ? undefined : createHash('sha256').update(text).digest('hex'));
    if (text === undefined) continue;
    const split = text.split(/\r?\n|\r/);
    kept.set(path, new Map([...wanted.get(path)!].filter((line) => line < split.length).map((line) => [line, split[line]])));
  }
  return {
    idOf: (path) => ids.get(path),
    line: (path, line) => kept.get(path)?.get(line),
  };
}
