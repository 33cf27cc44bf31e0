import { repositoryCiTests, workflowRepository } from '../ci/ciTestRuns';
import { gitlabCiFacts } from '../ci/gitlabCiTests';
import { readGitlabCiModel } from '../format/ci/gitlabPipelineModel';
import type { GitlabCiFileModel } from '../format/ci/gitlabPipelineModel';
import { isActionFileName, readCompositeAction, readWorkflowModel } from '../format/ci/githubWorkflowModel';
import type { CompositeActionModel, WorkflowModel } from '../format/ci/githubWorkflowModel';
import { CONTENT_DECIDES_KIND, fileKindByName, hasKubernetesObject, isDockerfileName } from '../format/fileKinds';
import { gitlabReferencedFiles } from '../ci/gitlabReferences';
import { isTerraformLockName, isTerraformName, parseTerraformFile } from '../format/terraform/terraformFile';
import { isDeploymentSupportFile } from '../deployment/digest/supportFileDigests';
import type { TerraformFile } from '../format/terraform/terraformFile';
import { terraformLockFiles } from '../format/terraform/terraformWorkspace';
import { posixBasename } from '../fileSystem';
import { parseYamlFile } from '../rules/yaml/yamlSupport';
import type { YamlFile } from '../rules/yaml/yamlSupport';
import type { WorkspaceFacts } from '../rules/types';
import { parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';

/** Kubernetes kinds that run container images: their presence means images are health-checked by probes. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout']);

/**
 * Glob of the files that can change workspace facts and the deployment model
 * (for watchers): YAML, Dockerfiles, and the files that link them.
 */
export const WORKSPACE_FACT_FILES =
  '**/{*.yml,*.yaml,Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Makefile,package.json,*.sh,Kustomization,*.tf,*.tfvars,.terraform.lock.hcl,.dockerignore,*.dockerignore}';

/**
 * The file names that can change workspace facts and the deployment model (the names WORKSPACE_FACT_FILES watches):
 * YAML, Dockerfiles, Terraform files and lock files, and the files that link them. A change of one makes the editor's
 * workspace model scan again (besides what `affectsEvidence` names).
 */
export function isWorkspaceFactFileName(name: string): boolean {
  const lower = name.toLowerCase();
  const yaml = lower.endsWith('.yml') || lower.endsWith('.yaml');
  return yaml || isDockerfileName(name) || isTerraformName(name) || isTerraformLockName(name) || isDeploymentSupportFile(name);
}

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
 * agree. `paths` are the workspace's files found but not read: the `.terraform.lock.hcl` files among them
 * count by their presence alone.
 */
export function workspaceFactsFrom(yamlFiles: Iterable<{ path: string; text: string }>, paths: Iterable<string> = []): WorkspaceFacts {
  let deploysWithKubernetes = false;
  const workflows: WorkflowModel[] = [];
  const actions: CompositeActionModel[] = [];
  const gitlab: GitlabCiFileModel[] = [];
  const terraform: TerraformFile[] = [];
  /** YAML files whose name says nothing: GitLab CI when a pipeline includes them (read in a second pass). */
  const unnamed = new Map<string, string>();
  for (const { path, text } of yamlFiles) {
    if (isTerraformName(posixBasename(path))) {
      terraform.push(parseTerraformFile(path, text));
      continue;
    }
    if (!deploysWithKubernetes && definesKubernetesWorkload(text)) deploysWithKubernetes = true;
    const kind = fileKindByName(path);
    if (kind === CONTENT_DECIDES_KIND) unnamed.set(path, text);
    const isWorkflow = kind === 'github-actions' && !isActionFileName(posixBasename(path));
    if (!isWorkflow && kind !== 'gitlab-ci' && !isActionFileName(posixBasename(path))) continue;
    const file = parsedOrUndefined(text);
    if (!file) continue;
    if (kind === 'gitlab-ci') {
      const pipelineFile = readGitlabCiModel(file, path);
      if (pipelineFile) gitlab.push(pipelineFile);
      continue;
    }
    const model = isWorkflow ? readWorkflowModel(file, path) : readCompositeAction(file, path);
    if (model && 'jobs' in model) workflows.push(model);
    else if (model) actions.push(model);
  }
  const byReference = gitlabFilesByReference(gitlab, unnamed);
  gitlab.push(...byReference.models);
  return {
    deploysWithKubernetes,
    githubCiTests: repositoryCiTests(workflowRepository(workflows, actions)),
    gitlabCi: gitlabCiFacts(gitlab, byReference.referenced),
    ...(terraform.length > 0 ? { terraform: { files: terraform, lockFiles: terraformLockFiles(paths) } } : {}),
  };
}

/**
 * The models of the files GitLab pipelines include (or start as child pipelines) under names that say
 * nothing (`ci/build.yml`), following the pipelines' references through those files too.
 */
function gitlabFilesByReference(
  named: readonly GitlabCiFileModel[],
  unnamed: ReadonlyMap<string, string>,
): { models: GitlabCiFileModel[]; referenced: string[] } {
  if (unnamed.size === 0 || named.length === 0) return { models: [], referenced: [] };
  const byName = new Map(named.map((model) => [model.path, model]));
  const paths = [...byName.keys(), ...unnamed.keys()];
  const found: GitlabCiFileModel[] = [];
  const references = gitlabReferencedFiles(named, { has: (path) => byName.has(path) || unnamed.has(path), paths: () => paths }, (path) => {
    if (byName.has(path)) return byName.get(path);
    const text = unnamed.get(path);
    const file = text === undefined ? undefined : parsedOrUndefined(text);
    const model = file ? readGitlabCiModel(file, path) : undefined;
    if (model) found.push(model);
    return model;
  });
  // Every file a pipeline names by a free name, read or not (one that is no GitLab CI map still gets a located problem).
  return { models: found, referenced: references.paths().filter((path) => unnamed.has(path)) };
}

function parsedOrUndefined(text: string): YamlFile | undefined {
  try {
    return parseYamlFile(text);
  } catch {
    return undefined;
  }
}
