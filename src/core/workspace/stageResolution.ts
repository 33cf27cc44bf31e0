import { builtinMatrix } from '../matrix/builtinMatrix';
import { extendMatrix } from '../matrix/teamMatrix';
import type { Matrix } from '../matrix/types';
import { posixDirname, posixJoin, posixRelative, posixResolve } from '../fileSystem';
import type { CoreFileSystem, FileFacts } from '../fileSystem';
import { stageAfter } from '../stages';
import type { StageId } from '../stages';
import { parseStageFile } from '../stageFile/parseStageFile';
import type { StageConfig, StageFileProblem } from '../stageFile/types';
import { LocatedYaml } from '../stageFile/yamlProblems';
import { countPhrase } from '../plural';
import { containedFailure, readContained } from './containedRead';
import type { ContainedRead } from './containedRead';

export const STAGE_FILE_NAME = '.stage.yml';

/** A `.stage.yml` read and validated, with the matrix it selects. */
export interface StageFileState {
  /** Absolute POSIX path of the `.stage.yml`. */
  path: string;
  /** Its folder: the root of the subtree it governs. */
  dir: string;
  text: string;
  config: StageConfig;
  problems: StageFileProblem[];
  /** The built-in matrix, extended by the team matrix when `matrix:` names one. */
  matrix: Matrix;
  teamMatrix?: { path: string; problems: StageFileProblem[] };
  /** The file is there but was not read (see its one problem): nothing may be written to it. */
  unreadable?: boolean;
}

/** What governs a file or folder: a `.stage.yml`, or nothing (a normal state, not an error). */
export interface Governing {
  stageFile?: StageFileState;
  matrix: Matrix;
  /** The declared stage; undefined without a (valid) `.stage.yml`. */
  stage?: StageId;
  /** The target stage: `next:` or the stage after `stage`. */
  next?: StageId;
}

export interface ResolveOptions {
  /** YYYY-MM-DD, for waiver expiry. */
  today: string;
  knownRuleIds?: ReadonlySet<string>;
  /**
   * False in a workspace the user has not trusted (see trustPolicy.ts): `matrix:` is not followed,
   * the built-in matrix applies, and the `.stage.yml` says so at its `matrix:` key.
   */
  readTeamMatrix?: boolean;
  /**
   * The repository (workspace folder) root: a `.stage.yml` or team matrix is read only when its
   * real path is inside it (see readContained). Defaults to the `.stage.yml`'s own folder.
   */
  root?: string;
}

/**
 * The nearest `.stage.yml` in `dir` or above, up to and including `root`
 * (a workspace folder). Monorepos: `services/api/.stage.yml` governs
 * `services/api/**`, and the root one governs the rest.
 */
export async function findStageFile(fs: CoreFileSystem, dir: string, root: string): Promise<string | undefined> {
  return (await locateStageFile(fs, dir, root)).path;
}

/** Where the governing `.stage.yml` of a directory is, and what that file is on disk. */
export interface StageFileLocation {
  path?: string;
  /**
   * Size and modification time of the file found ('none' without one): two locations that differ in `path` or
   * `onDisk` mean the answer for the directory may have changed — a check that needs no file-watcher event.
   */
  onDisk: string;
}

/** findStageFile, with what the file found is on disk (its stat is the one the walk made). */
export async function locateStageFile(fs: CoreFileSystem, dir: string, root: string): Promise<StageFileLocation> {
  if (posixRelative(root, dir) === undefined) return { onDisk: 'none' };
  let current = dir;
  for (;;) {
    const candidate = posixJoin(current, STAGE_FILE_NAME);
    // Anything there counts (a FIFO or an unreadable file too): loadStageFile then says why it is not read.
    const facts = await fs.stat(candidate);
    if (facts !== undefined) return { path: candidate, onDisk: onDiskOf(facts) };
    if (current === root || current === '/') return { onDisk: 'none' };
    current = posixDirname(current);
  }
}

/** A file's size and modification time as one comparable string; 'none' for no file. */
export function onDiskOf(facts: FileFacts | undefined): string {
  return facts ? `${facts.size}|${facts.mtime ?? ''}` : 'none';
}

/**
 * Reads, validates and (with `matrix:`) extends; never throws. Undefined when no file is there; a
 * file that cannot be read (not a regular file, too large, permission denied, outside the root) is
 * a state with one problem saying why, never silently "no .stage.yml".
 */
export async function loadStageFile(fs: CoreFileSystem, path: string, options: ResolveOptions): Promise<StageFileState | undefined> {
  const read = await readContained(fs, path, options.root ?? posixDirname(path));
  if (read.status === 'missing') return undefined;
  if (read.status !== 'ok') return unreadableStageFile(path, containedFailure(read));
  return stageFileFromText(fs, path, read.text, options);
}

/** A `.stage.yml` that is there but cannot be read: no stage, one problem at its start. */
export function unreadableStageFile(path: string, why: string): StageFileState {
  const problem: StageFileProblem = {
    code: 'unreadable-file',
    severity: 'error',
    message: `This .stage.yml ${why}.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
  return {
    path,
    dir: posixDirname(path),
    text: '',
    config: parseStageFile('', { matrix: builtinMatrix(), today: '1970-01-01' }).config,
    problems: [problem],
    matrix: builtinMatrix(),
    unreadable: true,
  };
}

/** Same as loadStageFile, for text the caller already has (an unsaved editor buffer). */
export async function stageFileFromText(fs: CoreFileSystem, path: string, text: string, options: ResolveOptions): Promise<StageFileState> {
  const dir = posixDirname(path);
  const base = builtinMatrix();
  const first = parseStageFile(text, { matrix: base, today: options.today, knownRuleIds: options.knownRuleIds });
  if (first.config.matrix === undefined) return { path, dir, text, config: first.config, problems: first.problems, matrix: base };
  if (options.readTeamMatrix === false) {
    const problems = [...first.problems, matrixNotRead(text, first.config.matrix)];
    return { path, dir, text, config: first.config, problems, matrix: base };
  }

  // posixResolve also normalises `../`: a service's `matrix: ../../team-matrix.yml` names the shared file.
  const teamPath = posixResolve(dir, first.config.matrix);
  const teamRead = await readContained(fs, teamPath, options.root ?? dir);
  if (teamRead.status !== 'ok') {
    const problems = [...first.problems, matrixRefused(text, first.config.matrix, teamRead)];
    return { path, dir, text, config: first.config, problems, matrix: base };
  }
  const teamText = teamRead.text;
  const team = extendMatrix(base, teamText);
  // Re-read with the extended matrix so the team's added concerns are valid under `concerns:`.
  const second = parseStageFile(text, { matrix: team.matrix, today: options.today, knownRuleIds: options.knownRuleIds });
  const problems = [...second.problems];
  if (team.problems.length > 0) {
    problems.push({
      ...matrixNotFound(text, first.config.matrix),
      code: 'bad-matrix',
      severity: 'error',
      message: `The team matrix ${first.config.matrix} has ${countPhrase(team.problems.length, { one: 'one problem', other: '{0} problems' })}; the valid parts apply.`,
    });
  }
  return { path, dir, text, config: second.config, problems, matrix: team.matrix, teamMatrix: { path: teamPath, problems: team.problems } };
}

function matrixNotRead(text: string, written: string): StageFileProblem {
  return {
    ...matrixNotFound(text, written),
    code: 'matrix-not-read',
    severity: 'info',
    message: `Restricted Mode: the team matrix "${written}" is not read until you trust this workspace; the built-in matrix is used.`,
  };
}

function matrixNotFound(text: string, written: string): StageFileProblem {
  const yaml = new LocatedYaml(text);
  const root = yaml.document?.contents;
  const pair = yaml.entries(root).find((entry) => entry.key === 'matrix');
  return {
    code: 'matrix-not-found',
    severity: 'error',
    message: `Team matrix "${written}" cannot be read; the built-in matrix is used.`,
    range: yaml.rangeOf(pair?.pair.value, pair?.pair.key),
  };
}

/** Why the team matrix was not read: missing, or refused (outside the root, not a regular file, too large). Never its content. */
function matrixRefused(text: string, written: string, read: Exclude<ContainedRead, { status: 'ok' }>): StageFileProblem {
  const located = matrixNotFound(text, written);
  if (read.status === 'missing') return located;
  return {
    ...located,
    code: 'matrix-refused',
    message: `Team matrix "${written}" ${containedFailure(read)}; the built-in matrix is used.`,
  };
}

/** What governs `dir` (a folder inside `root`). */
export async function resolveGoverning(fs: CoreFileSystem, dir: string, root: string, options: ResolveOptions): Promise<Governing> {
  const path = await findStageFile(fs, dir, root);
  const stageFile = path ? await loadStageFile(fs, path, { ...options, root: options.root ?? root }) : undefined;
  return governingFrom(stageFile);
}

export function governingFrom(stageFile: StageFileState | undefined): Governing {
  if (!stageFile) return { matrix: builtinMatrix() };
  const stage = stageFile.config.stage;
  const next = stageFile.config.next ?? (stage ? stageAfter(stage) : undefined);
  return { stageFile, matrix: stageFile.matrix, stage, next };
}

/** The stage that governs one concern: a per-concern override, else the declared stage. */
export function stageForConcern(governing: Governing, concernId: string): StageId | undefined {
  return governing.stageFile?.config.concerns[concernId] ?? governing.stage;
}

/**
 * The next stage for one concern. An overridden concern moves on from its
 * own stage; otherwise the file's target (`next:`) applies.
 */
export function nextStageForConcern(governing: Governing, concernId: string): StageId | undefined {
  const override = governing.stageFile?.config.concerns[concernId];
  if (override) return stageAfter(override);
  return governing.next;
}
