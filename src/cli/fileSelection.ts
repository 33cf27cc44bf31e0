// `stage-guide check FILE…`: the files mode a pre-commit hook uses (it passes the staged files).
// The folder holding them is assessed as usual — rules need the workspace around a file, and
// stage resolution its `.stage.yml` — and the report keeps only what is about those files: their
// config-file findings and the problems of a `.stage.yml` among them. Missing practices are a
// property of the whole service, not of a commit, so they are left out.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { WorkspaceAssessment } from '../core/evidence/index';
import { UsageError } from './command';
import { toCorePath } from './nodeFileSystem';

export interface FileSelection {
  /** The folder to assess: the nearest one holding every file (native path). */
  dir: string;
  /** The selected files, as core paths. */
  files: ReadonlySet<string>;
}

/**
 * The files mode when the positionals name files; undefined for the folder mode (no positional,
 * or one folder). Mixing folders and files, or naming what does not exist, is a usage error.
 */
export function fileSelection(cwd: string, positionals: readonly string[]): FileSelection | undefined {
  if (positionals.length === 0) return undefined;
  const entries = positionals.map((written) => {
    const native = resolve(cwd, written);
    if (!existsSync(native)) throw new UsageError(`No such file or folder: ${written}`);
    return { written, native: realpathSync(native), isFile: statSync(native).isFile() };
  });
  if (entries.length === 1 && !entries[0].isFile) return undefined;
  const folder = entries.find((entry) => !entry.isFile);
  if (folder) throw new UsageError(`Give one folder, or files only: ${folder.written} is a folder.`);
  return {
    dir: commonFolder(entries.map((entry) => dirname(entry.native))),
    files: new Set(entries.map((entry) => toCorePath(entry.native))),
  };
}

function commonFolder(folders: readonly string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (folder !== common && !folder.startsWith(common.endsWith(sep) ? common : `${common}${sep}`)) common = dirname(common);
  }
  return common;
}

/** The assessment with only what concerns the selected files (see the module comment). */
export function narrowToFiles(assessment: WorkspaceAssessment, files: ReadonlySet<string>): WorkspaceAssessment {
  return {
    ...assessment,
    services: assessment.services.map((service) => ({
      ...service,
      stageFileProblems: service.stageFile && files.has(service.stageFile) ? service.stageFileProblems : [],
      concerns: service.concerns.map((concern) => ({
        ...concern,
        practices: concern.practices.filter((practice) => practice.status !== 'missing'),
      })),
      findings: service.findings.filter((finding) => files.has(finding.path)),
    })),
  };
}
