import { hclFile } from '../../evidence/parsers/hclTree';
import type { HclBlock, HclComment } from '../../evidence/parsers/hclTree';
import type { TreeEntry } from '../../evidence/parsers/locatedTree';
import { posixDirname } from '../../fileSystem';

/**
 * One Terraform file, parsed once: its top-level blocks (resource, data,
 * module, variable, locals, provider, terraform, output) and attributes (a
 * `.tfvars` file holds only attributes). Rules, hovers and evidence all read
 * this shape; the module model (terraformModule.ts) joins a folder's files.
 */
export interface TerraformFile {
  /** Absolute (or repository-relative) POSIX path. */
  path: string;
  blocks: HclBlock[];
  attributes: TreeEntry[];
  comments: HclComment[];
}

/** `main.tf`, `*.tf.json` is not read (JSON syntax), `.tfvars` files are variable values. */
export function isTerraformName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.tf') || isTfvarsName(lower);
}

/**
 * `.terraform.lock.hcl`, written by `terraform init` beside a root module: the provider releases and checksums
 * chosen. Only its presence matters (it is no configuration: its `provider "registry…"` blocks are not Terraform's).
 */
export function isTerraformLockName(name: string): boolean {
  return name === '.terraform.lock.hcl';
}

/** `terraform.tfvars`, `prod.tfvars`, `x.auto.tfvars`. */
export function isTfvarsName(name: string): boolean {
  return name.toLowerCase().endsWith('.tfvars');
}

/**
 * Variable files Terraform loads by itself (`terraform.tfvars`, `*.auto.tfvars`): their values are the
 * ones used. Other `.tfvars` files are passed with `-var-file` (one per environment, usually).
 */
export function isAutoLoadedTfvars(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'terraform.tfvars' || lower.endsWith('.auto.tfvars');
}

export function parseTerraformFile(path: string, text: string): TerraformFile {
  const { blocks, attributes, comments } = hclFile(text);
  return { path, blocks, attributes, comments };
}

/** Folders of examples and tests: configurations meant to be applied and destroyed, never run for users. */
const EXAMPLE_FOLDERS = new Set(['example', 'examples', 'test', 'tests', 'testing', 'demo', 'fixtures']);

/**
 * The folder names between `root` (the repository, or the folder all of the workspace's Terraform lies in)
 * and the file: only these say what a configuration is for — `~/dev/shop/infra` is no dev environment.
 */
export function foldersBelow(path: string, root: string): string[] {
  const folder = posixDirname(path);
  const base = root.endsWith('/') ? root : `${root}/`;
  if (!folder.startsWith(base)) return [];
  return folder
    .slice(base.length)
    .split('/')
    .filter((segment) => segment.length > 0);
}

/**
 * An example or a test configuration (`examples/complete`, `tests/`) below `root`: rules about running a
 * system for users (state, encryption, retention) do not ask of it; exploitable mistakes still do.
 */
export function isExampleOrTestPath(path: string, root: string): boolean {
  return foldersBelow(path, root).some((segment) => EXAMPLE_FOLDERS.has(segment.toLowerCase()));
}

/** The deepest folder holding every path (`/` at worst). */
export function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let common = posixDirname(paths[0]).split('/');
  for (const path of paths.slice(1)) {
    const segments = posixDirname(path).split('/');
    let i = 0;
    while (i < common.length && i < segments.length && common[i] === segments[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('/') || '/';
}
