import type { CoreFileSystem } from '../../fileSystem';
import { MAX_READ_BYTES, posixDirname, posixJoin, posixRelative } from '../../fileSystem';
import { isYamlName } from '../../format/fileKinds';
import type { ScanReads } from './scanReads';
import type { WalkedFile } from './scopeWalker';

/**
 * Files that live above a service's folder but apply to it: lockfiles and
 * runtime pins of a workspace (npm/pnpm/uv workspaces, .tool-versions), and
 * the repository's own files at the workspace root — CI workflows and the
 * composite actions they call, the other CI systems' pipelines (Travis,
 * CircleCI, Azure Pipelines, Bitbucket, Jenkinsfile), the pre-commit
 * configuration, CODEOWNERS,
 * SECURITY.md, Dependabot/Renovate config, ADRs and runbooks. Signals decide
 * whether each one really covers the service (a root workflow must name the
 * service's folder; a CODEOWNERS rule must match it).
 */
export interface InheritedFile extends WalkedFile {
  inherited: true;
}

/** Names that apply to every folder below the one they sit in. */
const APPLY_BELOW = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'poetry.lock',
  'uv.lock',
  'pdm.lock',
  'Pipfile.lock',
  'go.work.sum',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  '.nvmrc',
  '.node-version',
  '.python-version',
  '.tool-versions',
  '.ruby-version',
  '.go-version',
  '.java-version',
  'rust-toolchain',
  'rust-toolchain.toml',
  'mise.toml',
  '.mise.toml',
]);

/** Repository-level names, read at the workspace root only. */
const AT_ROOT = new Set([
  'CODEOWNERS',
  'SECURITY.md',
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.gitlab-ci.yml',
  '.travis.yml',
  'bitbucket-pipelines.yml',
  'azure-pipelines.yml',
  'azure-pipelines.yaml',
  'Jenkinsfile',
  '.pre-commit-config.yaml',
]);
const IN_DOT_GITHUB = new Set(['CODEOWNERS', 'SECURITY.md', 'dependabot.yml', 'dependabot.yaml', 'renovate.json', 'renovate.json5']);
const DOC_FOLDERS = [
  'docs/adr',
  'docs/adrs',
  'docs/decisions',
  'doc/adr',
  'adr',
  'docs/architecture/decisions',
  'docs/runbooks',
  'runbooks',
];

/**
 * The repository-level files that apply to the scope. A file found by reading it (a composite action, `docs/CODEOWNERS`)
 * is read through the scan's shared reads: every nested service looks for the same files, and the scan reads them again.
 */
export async function readInheritedFiles(
  fs: CoreFileSystem,
  scopeRoot: string,
  workspaceRoot: string,
  reads: ScanReads,
): Promise<InheritedFile[]> {
  if (scopeRoot === workspaceRoot || posixRelative(workspaceRoot, scopeRoot) === undefined) return [];
  const found: InheritedFile[] = [];
  const known = knownFilesOf(reads);
  const add = (base: string, relative: string) => {
    const path = posixJoin(base, relative);
    let file = known.get(path);
    if (!file) known.set(path, (file = Object.freeze({ path, relative, inherited: true as const })));
    found.push(file);
  };
  for (let dir = posixDirname(scopeRoot); ; dir = posixDirname(dir)) {
    const atRoot = dir === workspaceRoot;
    for (const entry of (await fs.readDirectory(dir)) ?? []) {
      if (entry.kind !== 'file') continue;
      if (APPLY_BELOW.has(entry.name) || (atRoot && AT_ROOT.has(entry.name))) add(dir, entry.name);
    }
    if (atRoot || dir === '/') break;
  }
  const root = workspaceRoot;
  for (const entry of (await fs.readDirectory(posixJoin(root, '.github'))) ?? []) {
    if (entry.kind === 'file' && IN_DOT_GITHUB.has(entry.name)) add(root, `.github/${entry.name}`);
  }
  for (const entry of (await fs.readDirectory(posixJoin(root, '.github/workflows'))) ?? []) {
    if (entry.kind === 'file' && /\.ya?ml$/.test(entry.name)) add(root, `.github/workflows/${entry.name}`);
  }
  // Composite actions the root workflows call (`uses: ./.github/actions/setup`).
  for (const entry of (await fs.readDirectory(posixJoin(root, '.github/actions'))) ?? []) {
    if (entry.kind !== 'directory') continue;
    for (const name of ['action.yml', 'action.yaml']) {
      if (await reads.readable(posixJoin(root, `.github/actions/${entry.name}/${name}`), MAX_READ_BYTES))
        add(root, `.github/actions/${entry.name}/${name}`);
    }
  }
  for (const entry of (await fs.readDirectory(posixJoin(root, '.azure-pipelines'))) ?? []) {
    if (entry.kind === 'file' && /\.ya?ml$/.test(entry.name)) add(root, `.azure-pipelines/${entry.name}`);
  }
  // The files the root pipeline includes by GitLab's convention (`include: local: .gitlab/ci/*.yml`), so it is judged whole.
  await addYamlBelow(fs, root, '.gitlab/ci', GITLAB_CI_DEPTH, (relative) => add(root, relative));
  for (const relative of ['docs/CODEOWNERS', '.gitlab/CODEOWNERS', 'docs/SECURITY.md', '.circleci/config.yml']) {
    if (await reads.readable(posixJoin(root, relative), MAX_READ_BYTES)) add(root, relative);
  }
  for (const folder of DOC_FOLDERS) {
    for (const entry of (await fs.readDirectory(posixJoin(root, folder))) ?? []) {
      if (entry.kind === 'file' && entry.name.endsWith('.md')) add(root, `${folder}/${entry.name}`);
    }
  }
  return found;
}

/**
 * The inherited files of a scan, one object per path: every nested service inherits the same repository files, and
 * their paths are kept in each service's scan record and file list (on the 100,000-file bench tree, about 260 files
 * for each of 250 services, each path and relative path made again for each service: 1.9 MB of the editor's cache).
 */
function knownFilesOf(reads: ScanReads): Map<string, InheritedFile> {
  let known = KNOWN_FILES.get(reads);
  if (!known) KNOWN_FILES.set(reads, (known = new Map()));
  return known;
}

const KNOWN_FILES = new WeakMap<ScanReads, Map<string, InheritedFile>>();

/** How many folders below `.gitlab/ci/` are read (GitLab projects group their CI files one or two levels deep). */
const GITLAB_CI_DEPTH = 3;

async function addYamlBelow(
  fs: CoreFileSystem,
  root: string,
  folder: string,
  depth: number,
  add: (relative: string) => void,
): Promise<void> {
  for (const entry of (await fs.readDirectory(posixJoin(root, folder))) ?? []) {
    const relative = `${folder}/${entry.name}`;
    if (entry.kind === 'file' && isYamlName(entry.name)) add(relative);
    else if (entry.kind === 'directory' && depth > 1) await addYamlBelow(fs, root, relative, depth - 1, add);
  }
}

/** Top-level folders of the workspace that readInheritedFiles looks into. */
const INHERITED_FOLDERS = new Set(['.github', '.gitlab', '.azure-pipelines', '.circleci', 'docs', 'doc', 'adr', 'runbooks']);

/**
 * Whether a change at `path` (outside the scope) may change the files readInheritedFiles finds for the
 * scope or their text: a name it reads in a folder above the scope, or anything in the workspace root's
 * folders it reads. Generous on purpose: a false "yes" costs a re-read, a false "no" a stale result.
 */
export function mayBeInheritedBy(path: string, scopeRoot: string, workspaceRoot: string): boolean {
  if (scopeRoot === workspaceRoot || posixRelative(workspaceRoot, scopeRoot) === undefined) return false;
  const relative = posixRelative(workspaceRoot, path);
  if (relative === undefined) return false;
  const slash = relative.indexOf('/');
  if (INHERITED_FOLDERS.has(slash > 0 ? relative.slice(0, slash) : relative)) return true;
  const dir = posixDirname(path);
  const name = path.slice(dir.length + 1);
  if (posixRelative(dir, scopeRoot) === undefined) return false;
  return APPLY_BELOW.has(name) || (dir === workspaceRoot && AT_ROOT.has(name));
}
