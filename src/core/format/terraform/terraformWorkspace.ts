import { posixDirname } from '../../fileSystem';
import type { TerraformFile } from './terraformFile';

/**
 * The workspace's Terraform files (parsed), so that a file's rules see the rest of its module: the
 * variables declared in variables.tf, the values in terraform.tfvars, the locals of locals.tf. Plain data:
 * the extension compares facts by their JSON.
 */
export interface TerraformWorkspace {
  files: readonly TerraformFile[];
}

export function terraformFilesIn(workspace: TerraformWorkspace | undefined, folder: string): TerraformFile[] {
  return workspace ? workspace.files.filter((file) => posixDirname(file.path) === folder) : [];
}
