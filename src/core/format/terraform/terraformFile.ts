import { hclFile } from '../../evidence/parsers/hclTree';
import type { HclBlock, HclComment } from '../../evidence/parsers/hclTree';
import type { TreeEntry } from '../../evidence/parsers/locatedTree';
import { posixBasename, posixDirname } from '../../fileSystem';

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

export function terraformBaseName(file: TerraformFile): string {
  return posixBasename(file.path);
}

/** Folders of examples and tests: configurations meant to be applied and destroyed, never run for users. */
const EXAMPLE_FOLDERS = new Set(['example', 'examples', 'test', 'tests', 'testing', 'demo', 'fixtures']);

/**
 * An example or a test configuration (`examples/complete`, `tests/`): rules about running a system for users
 * (state, encryption, retention) do not ask of it; exploitable mistakes (public buckets, open ports) still do.
 */
export function isExampleOrTestPath(path: string): boolean {
  return posixDirname(path)
    .split('/')
    .some((segment) => EXAMPLE_FOLDERS.has(segment.toLowerCase()));
}
