import { Parser } from 'yaml';
import { isActionFileName, readCompositeAction } from '../../format/ci/githubWorkflowModel';
import { readGitlabCiModel } from '../../format/ci/gitlabPipelineModel';
import {
  evidenceOnlyKindByName,
  fileKindByName,
  isYamlName,
  CONTENT_DECIDES_KIND,
  kindByContentInCst,
  mayHoldKindByContent,
} from '../../format/fileKinds';
import type { EvidenceOnlyKind, FileKind, FileKindContext } from '../../format/fileKinds';
import { sniffTopLevelKeys } from '../parsers/yamlTopLevelKeys';
import { parseYamlFile } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { child, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';
import { yamlDocuments, yamlDocumentsOf } from '../parsers/yamlTree';
import { readAzurePipelines } from './azurePipelines';
import { readBitbucketPipelines } from './bitbucketPipelines';
import { readCircleCi } from './circleCi';
import { readCompose } from './compose';
import { readGithubWorkflow } from './githubActions';
import { readGitlabCi } from './gitlabCi';
import { collectContainerImages } from './kubernetesImages';
import type { FileToRead, Reader } from './reader';
import { readTravisCi } from './travisCi';
import type { EvidenceFacts } from '../facts';

/**
 * Every YAML file: each document becomes a structured fact (for data
 * matchers). Which model a file gets besides is the format layer's one
 * classifier's decision, the same the rules make (format/fileKinds):
 * Kubernetes manifests' documents with `apiVersion` and `kind` become
 * resources (Kubernetes, Istio, Argo, Backstage…); compose files, workflows
 * and GitLab CI files get their own models; so do Chart.yaml, dependabot.yml
 * and composite actions; Travis, CircleCI, Azure Pipelines and Bitbucket
 * Pipelines files get the CI model GitHub and GitLab files get (the
 * classifier's evidence-only kinds). Helm templates (Go templates under templates/) are
 * not YAML and are skipped.
 */
export const yamlFilesReader: Reader = {
  id: 'yaml',
  relevance: { basenameGlobs: ['*.yml', '*.yaml'], basenameTest: isYamlName },
  accepts: (_relative, basename) => isYamlName(basename),
  read(file, facts) {
    if (isHelmTemplate(file)) return;
    if (!worthParsing(file, facts)) return;
    const parsed = file.yaml?.();
    const kind = evidenceFileKind(file, facts, parsed);
    const ciKind = kind === undefined ? evidenceOnlyKindByName(file.relative) : undefined;
    const documents = parsed ? yamlDocumentsOf(parsed) : yamlDocuments(file.text);
    documents.forEach((document, index) => {
      if (!document.root || (document.hasErrors && document.root.kind !== 'map')) return;
      const root = document.root;
      facts.structured.push({ path: file.path, relative: file.relative, format: 'yaml', root });
      if (kind === 'kubernetes') readResource(file, root, facts);
      if (index > 0) return;
      if (kind === 'compose') readCompose(file.path, root, facts);
      else if (kind === 'github-actions' && !isActionFileName(file.basename)) readWorkflow(file, parsed, facts);
      else if (kind === 'gitlab-ci') readPipelineFile(file, root, parsed, facts);
      else if (ciKind !== undefined) readEvidenceOnlyCi(ciKind, file, root, facts);
      else if (file.basename === 'Chart.yaml') readChart(file.path, root, facts);
      else if (isDependabotConfig(file.relative)) readDependabot(file.path, root, facts);
      else if (isActionFileName(file.basename)) readAction(file, parsed, facts);
    });
  },
};

/**
 * False for a file this reader would record nothing from but documents the
 * scan drops (see FileToRead.structuredInterest): a YAML file whose name
 * says nothing (not compose, CI, Chart.yaml, dependabot, an action), that
 * cannot hold a Kubernetes object, and whose top-level keys, sniffed from
 * its lines, are none a matcher reads. Most YAML in a repository is such
 * data; the parse it is spared is most of a scan's work and garbage.
 */
function worthParsing(file: FileToRead, facts: EvidenceFacts): boolean {
  const interest = file.structuredInterest;
  if (!interest) return true;
  if (fileKindByName(file.path, kindContextOf(facts)) !== CONTENT_DECIDES_KIND) return true;
  if (file.basename === 'Chart.yaml' || isDependabotConfig(file.relative) || isActionFileName(file.basename)) return true;
  if (mayHoldKindByContent(file.text)) return true;
  return interest.mayWantFile(file.relative, file.basename, sniffTopLevelKeys(file.text));
}

function isDependabotConfig(relative: string): boolean {
  return /(^|\/)\.github\/dependabot\.ya?ml$/.test(relative);
}

/** CI configurations only the evidence reads (format/fileKinds' evidence-only kinds). */
function readEvidenceOnlyCi(kind: EvidenceOnlyKind, file: FileToRead, root: TreeValue, facts: EvidenceFacts): void {
  if (kind === 'travis-ci') readTravisCi(file.path, root, file.inherited, facts);
  else if (kind === 'circleci') readCircleCi(file.path, root, file.inherited, facts);
  else if (kind === 'azure-pipelines') readAzurePipelines(file.path, root, file.inherited, facts);
  else if (kind === 'bitbucket-pipelines') readBitbucketPipelines(file.path, root, file.inherited, facts);
}

/**
 * The file's kind as the rules see it: the classifier decides from the path
 * (a Helm chart is recognised by the scan's own file list) and, for a YAML
 * file whose name says nothing, from the content, on the shared parse.
 */
export function evidenceFileKind(file: FileToRead, facts: EvidenceFacts, parsed?: YamlFile): FileKind | undefined {
  const byName = fileKindByName(file.path, kindContextOf(facts));
  if (byName !== CONTENT_DECIDES_KIND) return byName;
  if (!mayHoldKindByContent(file.text)) return undefined;
  try {
    return kindByContentInCst(parsed?.cst ?? new Parser().parse(file.text), file.text);
  } catch {
    return undefined;
  }
}

/** What the classifier may ask of the scan: which files exist (a Helm chart), which a GitLab pipeline includes. */
export function kindContextOf(facts: EvidenceFacts): FileKindContext {
  const included = facts.gitlabIncluded;
  return { isFile: (path) => facts.files.has(path), ...(included ? { isGitlabIncluded: (path: string) => included.has(path) } : {}) };
}

/** The evidence's CI model of a workflow and the shared workflow model "CI runs the tests" is decided on: views over the rules' one model. */
function readWorkflow(file: FileToRead, parsed: YamlFile | undefined, facts: EvidenceFacts): void {
  readGithubWorkflow(file.path, parsed ?? parseYamlFile(file.text), file.inherited, facts);
}

/** The evidence's CI model of a GitLab CI file, and the shared file model its pipeline and tests are judged on. */
function readPipelineFile(file: FileToRead, root: TreeValue, parsed: YamlFile | undefined, facts: EvidenceFacts): void {
  const before = facts.ci.length;
  readGitlabCi(file.path, root, file.inherited, facts);
  const model = readGitlabCiModel(parsed ?? parseYamlFile(file.text), file.path);
  if (model && facts.ci.length > before) facts.ci[facts.ci.length - 1].gitlab = model;
}

function readAction(file: FileToRead, parsed: YamlFile | undefined, facts: EvidenceFacts): void {
  const action = readCompositeAction(parsed ?? parseYamlFile(file.text), file.path);
  if (action) facts.compositeActions.push(action);
}

function isHelmTemplate(file: FileToRead): boolean {
  return /(^|\/)templates\//.test(file.relative) && file.text.includes('{{');
}

function readResource(file: FileToRead, root: TreeValue, facts: EvidenceFacts, inList = false): void {
  const path = file.path;
  const apiVersion = scalarText(child(root, 'apiVersion'));
  const kind = child(root, 'kind');
  const kindText = scalarText(kind);
  if (!apiVersion || !kind || !kindText) return;
  const items = child(root, 'items');
  if ((kindText === 'List' || kindText.endsWith('List')) && items?.kind === 'list') {
    // `kind: List`: each item is a resource of its own (one level, as kubectl reads it).
    if (!inList) for (const item of items.items) readResource(file, item, facts, true);
    return;
  }
  const name = scalarText(child(child(root, 'metadata'), 'name'));
  facts.resources.push({
    apiVersion,
    kind: kindText,
    ...(name ? { name } : {}),
    // Without an interest (a caller that wants everything), the whole tree.
    root: file.structuredInterest?.keptResource(apiVersion, kindText, root) ?? root,
    at: { path, line: kind.line },
  });
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
      if (directory && text)
        facts.settings.push({ what: 'dependabot-directory', value: `${ecosystem} ${text}`, at: { path, line: directory.line } });
    }
  }
}
