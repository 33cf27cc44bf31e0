import { repositoryCiTests, workflowRepository } from '../ci/ciTestRuns';
import { gitlabCiFacts } from '../ci/gitlabCiTests';
import { readGitlabCiModel } from '../format/ci/gitlabPipelineModel';
import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import { isActionFileName, readCompositeAction, readWorkflowModel } from '../format/ci/githubWorkflowModel';
import type { CompositeActionModel, WorkflowModel } from '../format/ci/githubWorkflowModel';
import { fileKindByName, hasKubernetesObject } from '../format/fileKinds';
import { isTerraformName, parseTerraformFile } from '../format/terraform/terraformFile';
import type { TerraformFile } from '../format/terraform/terraformFile';
import { posixBasename } from '../fileSystem';
import { parseYamlFile } from '../rules/yaml/yamlSupport';
import type { WorkspaceFacts } from '../rules/types';
import { parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';

/** Kubernetes kinds that run container images: their presence means images are health-checked by probes. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']);

/**
 * Glob of the files that can change workspace facts and the deployment model
 * (for watchers): YAML, Dockerfiles, and the files that link them.
 */
export const WORKSPACE_FACT_FILES =
  '**/{*.yml,*.yaml,Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Makefile,package.json,*.sh,Kustomization,*.tf,*.tfvars,.dockerignore,*.dockerignore}';

/** True when a YAML text holds a Kubernetes workload (Deployment, StatefulSet, …). */
export function definesKubernetesWorkload(text: string): boolean {
  if (!hasKubernetesObject(text)) return false;
  try {
    return parseDocumentsWithinLimits(text).documents.some((doc) => {
      const kind = (doc.contents as { get?: (key: string) => unknown } | null)?.get?.('kind');
      return typeof kind === 'string' && WORKLOAD_KINDS.has(kind);
    });
  } catch {
    return false;
  }
}

/**
 * Facts about a workspace that file rules depend on, from its YAML and Terraform files
 * (absolute POSIX paths and texts; the caller chooses which: the extension
 * walks the workspace, the CLI's scan reads its own). Pure, so both callers
 * agree.
 */
export function workspaceFactsFrom(yamlFiles: Iterable<{ path: string; text: string }>): WorkspaceFacts {
  let deploysWithKubernetes = false;
  const workflows: WorkflowModel[] = [];
  const actions: CompositeActionModel[] = [];
  const gitlab: GitlabCiFileModel[] = [];
  const terraform: TerraformFile[] = [];
  for (const { path, text } of yamlFiles) {
    if (isTerraformName(posixBasename(path))) {
      terraform.push(parseTerraformFile(path, text));
      continue;
    }
    if (!deploysWithKubernetes && definesKubernetesWorkload(text)) deploysWithKubernetes = true;
    const kind = fileKindByName(path);
    const isWorkflow = kind === 'github-actions' && !isActionFileName(posixBasename(path));
    if (!isWorkflow && kind !== 'gitlab-ci' && !isActionFileName(posixBasename(path))) continue;
    let file;
    try {
      file = parseYamlFile(text);
    } catch {
      continue;
    }
    if (kind === 'gitlab-ci') {
      const pipelineFile = readGitlabCiModel(file, path);
      if (pipelineFile) gitlab.push(pipelineFile);
      continue;
    }
    const model = isWorkflow ? readWorkflowModel(file, path) : readCompositeAction(file, path);
    if (model && 'jobs' in model) workflows.push(model);
    else if (model) actions.push(model);
  }
  return {
    deploysWithKubernetes,
    githubCiTests: repositoryCiTests(workflowRepository(workflows, actions)),
    gitlabCi: gitlabCiFacts(gitlab),
    ...(terraform.length > 0 ? { terraform: { files: terraform } } : {}),
  };
}
