import { posixBasename, posixDirname } from '../../fileSystem';
import { commonFolder, isTerraformLockName } from './terraformFile';
import type { TerraformFile } from './terraformFile';

/**
 * The workspace's Terraform files (parsed), so that a file's rules see the rest of its module: the
 * variables declared in variables.tf, the values in terraform.tfvars, the locals of locals.tf. Plain data:
 * the extension compares facts by their JSON.
 */
export interface TerraformWorkspace {
  files: readonly TerraformFile[];
  /**
   * The folder the workspace's paths are judged from (the CLI's service root); the folder all the
   * files lie in when absent. Folder names below it (`environments/dev`, `examples/`) say what a
   * configuration is for.
   */
  root?: string;
  /**
   * The paths of the workspace's `.terraform.lock.hcl` files (never read: only that one sits beside a root module
   * matters). Absent when not known (a file judged alone): no rule then asks for one.
   */
  lockFiles?: readonly string[];
}

/** The root folder names are judged from, for a file analysed with these facts. */
export function terraformRoot(workspace: TerraformWorkspace | undefined, path: string): string {
  if (workspace?.root) return workspace.root;
  return commonFolder([path, ...(workspace?.files ?? []).map((file) => file.path)]);
}

export function terraformFilesIn(workspace: TerraformWorkspace | undefined, folder: string): TerraformFile[] {
  return workspace ? workspace.files.filter((file) => posixDirname(file.path) === folder) : [];
}

/** Whether `folder` holds a `.terraform.lock.hcl`; undefined when the workspace's lock files are not known. */
export function hasLockFileIn(workspace: TerraformWorkspace | undefined, folder: string): boolean | undefined {
  if (!workspace?.lockFiles) return undefined;
  return workspace.lockFiles.some((path) => posixDirname(path) === folder);
}

/** The `.terraform.lock.hcl` files among a workspace's paths, sorted (the extension compares facts by their JSON). */
export function terraformLockFiles(paths: Iterable<string>): string[] {
  return [...paths].filter((path) => isTerraformLockName(posixBasename(path))).sort();
}
