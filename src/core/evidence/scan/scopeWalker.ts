import type { CoreFileSystem, DirectoryEntry } from '../../fileSystem';
import { MAX_READ_BYTES, posixDirname, posixJoin, posixRelative, textOf } from '../../fileSystem';
import { compileLinearGlob, withoutTrailingSlashes } from '../../glob/linearGlob';
import type { LinearGlob } from '../../glob/linearGlob';
import { STAGE_FILE_NAME } from '../../workspace/stageResolution';
import { isCancelled, TimeSlicer } from './cancellation';
import type { Cancellation } from './cancellation';
import { gitignoreLevel, gitignoreVerdict, withoutRememberedVerdicts } from './gitignoreRules';
import type { GitignoreLevel } from './gitignoreRules';
import { NEVER_DESCEND } from './neverDescend';
import type { Relevance } from './relevance';
import type { ScanReads } from './scanReads';

export interface WalkOptions {
  fs: CoreFileSystem;
  /** The scope root: a `.stage.yml` folder (or the folder checked when none governs it). */
  root: string;
  /** Where `.gitignore` files start applying (the workspace folder / git root); defaults to `root`. */
  workspaceRoot?: string;
  /** `.stage.yml` `ignore:` globs, relative to `root`. */
  ignoreGlobs?: readonly string[];
  relevance: Relevance;
  cancellation?: Cancellation;
  /** Shared with the rest of the scan, so the whole scan keeps to one time budget. */
  slicer?: TimeSlicer;
  /** Directory reads in flight at once (the walk is I/O bound). */
  concurrency?: number;
  onProgress?(progress: WalkProgress): void;
  /** The scan's shared reads: the `.gitignore` files above the scope are every nested service's, read once per scan. */
  reads?: ScanReads;
}

export interface WalkProgress {
  directories: number;
  entries: number;
  relevantFiles: number;
}

export interface WalkedFile {
  path: string;
  /** Relative to the scope root. */
  relative: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /**
   * Entries named like a relevant file that are not regular files (a symbolic
   * link, a FIFO, a socket): never read, and listed with why, so the scan says
   * so instead of leaving them out in silence.
   */
  skipped: Array<{ path: string; reason: string }>;
  /** Folders below the root with their own `.stage.yml`: separate services, not walked here. */
  nestedScopes: string[];
  /** Every `.gitignore` level that applied to the root itself (for "is .env ignored here?"). */
  rootGitignore: GitignoreLevel[];
  progress: WalkProgress;
  cancelled: boolean;
}

interface PendingDirectory {
  path: string;
  /** Relative to the scope root ("" for the root). */
  relative: string;
  levels: GitignoreLevel[];
}

/**
 * Walks one service's subtree: never into NEVER_DESCEND folders, folders git
 * ignores, `ignore:` globs or nested services; keeps only relevant files (by
 * name, never by content). Reads `.gitignore` files on the way, like git.
 */
export async function walkScope(options: WalkOptions): Promise<WalkResult> {
  const { fs, root, relevance } = options;
  const slicer = options.slicer ?? new TimeSlicer();
  const concurrency = options.concurrency ?? 32;
  const ignoreMatchers = (options.ignoreGlobs ?? []).map((glob) => compileLinearGlob(glob, { matchBase: true }));
  const progress: WalkProgress = { directories: 0, entries: 0, relevantFiles: 0 };
  const files: WalkedFile[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  const nestedScopes: string[] = [];
  const rootGitignore = await ancestorGitignores(fs, options.workspaceRoot ?? root, root, options.reads);

  const isIgnoredByStageFile = (relative: string, isDirectory: boolean) =>
    ignoreMatchers.some(
      (matcher) => matcher.match(relative) || (isDirectory && matcher.match(`${relative}/`)) || matchesBelowFolder(matcher, relative),
    );

  const queue: PendingDirectory[] = [{ path: root, relative: '', levels: rootGitignore }];
  let head = 0;
  while (head < queue.length) {
    if (isCancelled(options.cancellation)) return { files, skipped, nestedScopes, rootGitignore, progress, cancelled: true };
    const batch = queue.slice(head, head + concurrency);
    head += batch.length;
    // The queue only grows: drop what was walked so a huge tree does not keep every folder name.
    if (head > 4096) {
      queue.splice(0, head);
      head = 0;
    }
    const listings = await Promise.all(batch.map((directory) => fs.readDirectory(directory.path)));
    for (let index = 0; index < batch.length; index++) {
      const directory = batch[index];
      const entries = listings[index];
      if (!entries) continue;
      progress.directories++;
      if (directory.path !== root && entries.some((entry) => entry.kind === 'file' && entry.name === STAGE_FILE_NAME)) {
        nestedScopes.push(directory.path);
        continue;
      }
      const levels = await withOwnGitignore(fs, directory, entries, root);
      for (const entry of entries) {
        progress.entries++;
        // A folder of thousands of entries (build output, generated code) is itself many turns' work.
        if ((progress.entries & 255) === 0) await slicer.maybeYield();
        // Plain concatenation: this runs for every entry of the workspace.
        const path = directory.path.endsWith('/') ? directory.path + entry.name : `${directory.path}/${entry.name}`;
        const relative = directory.relative === '' ? entry.name : `${directory.relative}/${entry.name}`;
        if (entry.kind === 'other') {
          // Links are never followed (a link may lead out of the repository); a FIFO would block a read.
          if (
            entry.name !== STAGE_FILE_NAME &&
            relevance.test(relative, entry.name) &&
            !isIgnoredByStageFile(relative, false) &&
            !gitignoreVerdict(levels, path, false).ignored
          ) {
            const reason = await notReadReason(fs, path, options.workspaceRoot ?? root);
            if (reason) skipped.push({ path, reason });
          }
        } else if (entry.kind === 'directory') {
          if (NEVER_DESCEND.has(entry.name)) continue;
          if (isIgnoredByStageFile(relative, true)) continue;
          if (gitignoreVerdict(levels, path, true).ignored) continue;
          queue.push({ path, relative, levels });
        } else if (entry.name !== STAGE_FILE_NAME && relevance.test(relative, entry.name)) {
          if (isIgnoredByStageFile(relative, false)) continue;
          if (gitignoreVerdict(levels, path, false).ignored) continue;
          files.push({ path, relative });
          progress.relevantFiles++;
        }
      }
      const yieldsBefore = slicer.yields;
      await slicer.maybeYield();
      if (slicer.yields !== yieldsBefore) options.onProgress?.({ ...progress });
    }
  }
  options.onProgress?.({ ...progress });
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  nestedScopes.sort();
  return { files, skipped, nestedScopes, rootGitignore: rootGitignore.map(withoutRememberedVerdicts), progress, cancelled: false };
}

/**
 * Why a relevant-looking entry that is not a regular file or folder is not read; undefined when
 * there is nothing to report: it is gone, or it is a link to a regular file inside the repository
 * (`Dockerfile -> docker/Dockerfile.prod`, a common layout), which is read where it really lies
 * and must not make a check fail.
 */
async function notReadReason(fs: CoreFileSystem, path: string, repositoryRoot: string): Promise<string | undefined> {
  const facts = await fs.stat(path);
  if (!facts) return undefined;
  if (!facts.symlink) return 'it is not a regular file (a FIFO, socket or device)';
  if (facts.kind === 'file') {
    const [real, realRoot] = await Promise.all([fs.realPath(path), fs.realPath(repositoryRoot)]);
    if (real !== undefined && posixRelative(realRoot ?? repositoryRoot, real) !== undefined) return undefined;
  }
  return 'it is a symbolic link that leads out of the repository (or nowhere), and the scan never follows such links';
}

/** "dir" and "dir/" in `ignore:` cover everything below, like the rest of `.stage.yml`'s globs. */
function matchesBelowFolder(matcher: LinearGlob, relative: string): boolean {
  const glob = withoutTrailingSlashes(matcher.pattern);
  if (glob.includes('*')) return false;
  return relative.startsWith(`${glob}/`);
}

async function withOwnGitignore(
  fs: CoreFileSystem,
  directory: PendingDirectory,
  entries: DirectoryEntry[],
  root: string,
): Promise<GitignoreLevel[]> {
  // The root's own .gitignore was read with its ancestors.
  if (directory.path === root) return directory.levels;
  if (!entries.some((entry) => entry.kind === 'file' && entry.name === '.gitignore')) return directory.levels;
  const file = posixJoin(directory.path, '.gitignore');
  const text = await fs.readText(file);
  return text === undefined ? directory.levels : [...directory.levels, gitignoreLevel(directory.path, file, text)];
}

/** `.gitignore` files from the workspace root down to (and including) the scope root. */
async function ancestorGitignores(
  fs: CoreFileSystem,
  workspaceRoot: string,
  root: string,
  reads: ScanReads | undefined,
): Promise<GitignoreLevel[]> {
  const chain: string[] = [];
  let current = root;
  for (;;) {
    chain.unshift(current);
    if (current === workspaceRoot || posixRelative(workspaceRoot, current) === undefined || current === '/') break;
    current = posixDirname(current);
  }
  if (posixRelative(workspaceRoot, root) === undefined) chain.splice(0, chain.length - 1);
  const levels: GitignoreLevel[] = [];
  for (const dir of chain) {
    const file = posixJoin(dir, '.gitignore');
    const text = reads ? textOf(await reads.read(file, MAX_READ_BYTES, 'scan')) : await fs.readText(file);
    if (text !== undefined) levels.push(gitignoreLevel(dir, file, text));
  }
  return levels;
}
