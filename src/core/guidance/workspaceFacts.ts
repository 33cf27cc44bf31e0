import { isDockerfileName } from '../format/fileKinds';
import { isTerraformLockName, isTerraformName } from '../format/terraform/terraformFile';
import { isDeploymentSupportFile } from '../deployment/digest/supportFileDigests';

/**
 * The file names that can change workspace facts and the deployment model: YAML, Dockerfiles, Terraform files and
 * lock files, and the files that link them. A change of one makes the editor's workspace model scan again (besides
 * what `affectsEvidence` names).
 */
export function isWorkspaceFactFileName(name: string): boolean {
  const lower = name.toLowerCase();
  const yaml = lower.endsWith('.yml') || lower.endsWith('.yaml');
  return yaml || isDockerfileName(name) || isTerraformName(name) || isTerraformLockName(name) || isDeploymentSupportFile(name);
}
