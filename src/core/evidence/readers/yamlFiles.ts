import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { yamlDocuments, yamlDocumentsOf } from '../parsers/yamlTree';
import { isComposeFileName, readCompose } from './compose';
import { isGithubWorkflowPath, readGithubWorkflow } from './githubActions';
import { isGitlabCiName, readGitlabCi } from './gitlabCi';
import { collectContainerImages } from './kubernetesImages';
import type { FileToRead, Reader } from './reader';
import type { EvidenceFacts } from '../facts';

/**
 * Every YAML file: each document becomes a structured fact (for data
 * matchers); documents with `apiVersion` and `kind` become resources
 * (Kubernetes, Istio, Argo, Backstage…); compose files, workflows, GitLab
 * pipelines, Chart.yaml and dependabot.yml get their own models. Helm
 * templates (Go templates under templates/) are not YAML and are skipped.
 */
export const yamlFilesReader: Reader = {
  id: 'yaml',
  relevance: { basenameGlobs: ['*.yml', '*.yaml'] },
  accepts: (_relative, basename) => basename.endsWith('.yml') || basename.endsWith('.yaml'),
  read(file, facts) {
    if (isHelmTemplate(file)) return;
    const parsed = file.yaml?.();
    const documents = parsed ? yamlDocumentsOf(parsed) : yamlDocuments(file.text);
    documents.forEach((document, index) => {
      if (!document.root || (document.hasErrors && document.root.kind !== 'map')) return;
      const root = document.root;
      facts.structured.push({ path: file.path, relative: file.relative, format: 'yaml', root });
      readResource(file.path, root, facts);
      if (index > 0) return;
      if (isComposeFileName(file.basename)) readCompose(file.path, root, facts);
      else if (isGithubWorkflowPath(file.relative)) readGithubWorkflow(file.path, root, file.inherited, facts);
      else if (isGitlabCiName(file.basename)) readGitlabCi(file.path, root, file.inherited, facts);
      else if (file.basename === 'Chart.yaml') readChart(file.path, root, facts);
      else if (/(^|\/)\.github\/dependabot\.ya?ml$/.test(file.relative)) readDependabot(file.path, root, facts);
    });
  },
};

function isHelmTemplate(file: FileToRead): boolean {
  return /(^|\/)templates\//.test(file.relative) && file.text.includes('{{');
}

function readResource(path: string, root: TreeValue, facts: EvidenceFacts): void {
  const apiVersion = scalarText(child(root, 'apiVersion'));
  const kind = child(root, 'kind');
  const kindText = scalarText(kind);
  if (!apiVersion || !kind || !kindText) return;
  const name = scalarText(child(child(root, 'metadata'), 'name'));
  facts.resources.push({ apiVersion, kind: kindText, ...(name ? { name } : {}), root, at: { path, line: kind.line } });
  collectContainerImages(path, root, facts);
}

function readChart(path: string, root: TreeValue, facts: EvidenceFacts): void {
  for (const dependency of expandLists(child(root, 'dependencies') ?? { kind: 'list', items: [], line: 0 })) {
    const name = child(dependency, 'name');
    const text = scalarText(name);
    if (name && text) facts.charts.push({ name: text, at: { path, line: name.line } });
  }
}

/** Each `updates:` entry as "ecosystem directory" (or directories), for "does Dependabot cover this service?". */
function readDependabot(path: string, root: TreeValue, facts: EvidenceFacts): void {
  for (const update of expandLists(child(root, 'updates') ?? { kind: 'list', items: [], line: 0 })) {
    const ecosystem = scalarText(child(update, 'package-ecosystem')) ?? '';
    const directories = [child(update, 'directory'), ...expandLists(child(update, 'directories') ?? { kind: 'list', items: [], line: 0 })];
    for (const directory of directories) {
      const text = scalarText(directory);
      if (directory && text) facts.settings.push({ what: 'dependabot-directory', value: `${ecosystem} ${text}`, at: { path, line: directory.line } });
    }
  }
}
