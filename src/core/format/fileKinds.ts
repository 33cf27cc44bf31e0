import type { CST } from 'yaml';
import { posixBasename } from '../fileSystem';
import { isTerraformName } from './terraform/terraformFile';

/**
 * The one classifier of configuration files. The rules (`analyzeFile`) and the
 * evidence scan (its readers) both ask it which files are Dockerfiles, compose
 * files, GitHub Actions workflows, GitLab CI files and Kubernetes manifests,
 * so the two can never disagree about a file (a unit test runs both over a
 * table of real-world layouts).
 */

/** The kinds of configuration file Stage Guide reads. */
export type FileKind = 'dockerfile' | 'github-actions' | 'gitlab-ci' | 'compose' | 'kubernetes' | 'terraform';

export const FILE_KINDS: readonly FileKind[] = ['dockerfile', 'github-actions', 'gitlab-ci', 'compose', 'kubernetes', 'terraform'];

/**
 * CI configurations only the evidence reads (no rules judge them yet): kept
 * apart from FileKind so that no rule analyzer is asked for them, and the
 * rules never mistake one for a Kubernetes candidate.
 */
export type EvidenceOnlyKind = 'travis-ci' | 'circleci' | 'azure-pipelines' | 'bitbucket-pipelines' | 'jenkinsfile';

/** What file-kind detection may ask about the file's surroundings (all optional). */
export interface FileKindContext {
  /** True when an absolute POSIX path is an existing file; asked only for Helm charts' `Chart.yaml` (see isHelmTemplatePath). */
  isFile?(path: string): boolean;
  /**
   * True when a GitLab pipeline names the file (absolute POSIX path): it includes it with
   * `include: local:` or starts it as a child pipeline (core/ci/gitlabReferences). Such a file is
   * GitLab CI whatever its name (`ci/build.yml`): classified by reference.
   */
  isGitlabIncluded?(path: string): boolean;
}

const STAGE_FILE = '.stage.yml';
const YAML_EXTENSION = /\.ya?ml$/i;
/**
 * compose.yaml, docker-compose.yml, compose.override.yaml, docker-compose.prod.yml,
 * docker-compose_dev.yml; and Swarm stack files (docker-stack.yml), which are
 * compose files too. Not composer.yaml.
 */
const COMPOSE_NAME = /^(?:(?:docker-)?compose|docker-stack)(?:[._-][\w.-]+)?\.ya?ml$/i;

/**
 * A YAML file whose name says nothing: it is a Kubernetes manifest, or a
 * compose file, when its content says so (see `kindByContentInCst`). Only then
 * is the text read.
 */
export const CONTENT_DECIDES_KIND = 'content-decides-kind';

/**
 * Which kind of configuration file `path` is, as far as the path alone (and the Helm chart probe) decides: the kind,
 * undefined for files Stage Guide does not read (Helm templates, which are not YAML until rendered, `.stage.yml`
 * itself), or CONTENT_DECIDES_KIND when the content decides (`kindByContentInCst`, over the parse `analyzeFile` then
 * makes once for both detection and analysis). `path` may be absolute or
 * relative to the repository (the Helm probe needs it absolute).
 */
export function fileKindByName(path: string, context: FileKindContext = {}): FileKind | typeof CONTENT_DECIDES_KIND | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = posixBasename(normalized);
  if (name === STAGE_FILE) return undefined;
  if (isDockerfileName(name)) return 'dockerfile';
  if (isTerraformName(name)) return 'terraform';
  if (!isYamlName(name)) return undefined;
  const segments = normalized.split('/');
  if (isGithubWorkflowSegments(segments)) return 'github-actions';
  // A GitHub action's metadata (`action.yml`): composite actions run steps like a workflow's and get its step rules.
  if (name === 'action.yml' || name === 'action.yaml') return 'github-actions';
  if (isGitlabCiSegments(segments) || isGitlabIncludedPath(normalized, context)) return 'gitlab-ci';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (evidenceOnlyKindOfSegments(segments) !== undefined) return undefined;
  if (isHelmTemplatePath(segments, context)) return undefined;
  return CONTENT_DECIDES_KIND;
}

/**
 * Which evidence-only CI configuration `path` is, by the names each system
 * reads: `.travis.yml`, `.circleci/config.yml`, `azure-pipelines*.yml` (and
 * YAML under `.azure-pipelines/`, where pipelines keep their templates),
 * `bitbucket-pipelines.yml`, and Jenkinsfiles (`Jenkinsfile`,
 * `Jenkinsfile.deploy`, `deploy.Jenkinsfile`).
 */
export function evidenceOnlyKindByName(path: string): EvidenceOnlyKind | undefined {
  return evidenceOnlyKindOfSegments(path.replace(/\\/g, '/').split('/'));
}

function evidenceOnlyKindOfSegments(segments: readonly string[]): EvidenceOnlyKind | undefined {
  const name = segments[segments.length - 1];
  if (isJenkinsfileName(name)) return 'jenkinsfile';
  if (!isYamlName(name)) return undefined;
  const lower = name.toLowerCase();
  if (lower === '.travis.yml' || lower === '.travis.yaml') return 'travis-ci';
  if (lower === 'bitbucket-pipelines.yml' || lower === 'bitbucket-pipelines.yaml') return 'bitbucket-pipelines';
  const parent = segments.length >= 2 ? segments[segments.length - 2] : '';
  if (parent === '.circleci' && (lower === 'config.yml' || lower === 'config.yaml')) return 'circleci';
  if (lower.startsWith('azure-pipelines') || parent === '.azure-pipelines') return 'azure-pipelines';
  return undefined;
}

/** `Jenkinsfile`, `Jenkinsfile.prod`, `Jenkinsfile-deploy`, `release.Jenkinsfile` (either case of the J). */
export function isJenkinsfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'jenkinsfile') return true;
  if (lower.startsWith('jenkinsfile.') || lower.startsWith('jenkinsfile-') || lower.startsWith('jenkinsfile_'))
    return lower.length > 'jenkinsfile.'.length && !lower.endsWith('.md') && !lower.endsWith('.txt');
  return lower.endsWith('.jenkinsfile') && lower.length > '.jenkinsfile'.length;
}

/** `.yml` or `.yaml`, in any case. */
export function isYamlName(name: string): boolean {
  return YAML_EXTENSION.test(name);
}

/** `.github/workflows/<name>.y(a)ml`: GitHub reads workflows only directly in that folder. */
function isGithubWorkflowSegments(segments: readonly string[]): boolean {
  const count = segments.length;
  return count >= 3 && segments[count - 3] === '.github' && segments[count - 2] === 'workflows';
}

/**
 * `.gitlab-ci.yml`, and the files a pipeline includes by the usual
 * conventions: `*.gitlab-ci.yml` anywhere and any YAML under `.gitlab/ci/`.
 * Only `.gitlab-ci.yml` itself is a pipeline (see `isGitlabPipelineRoot`).
 */
function isGitlabCiSegments(segments: readonly string[]): boolean {
  const name = segments[segments.length - 1].toLowerCase();
  if (name === '.gitlab-ci.yml' || name.endsWith('.gitlab-ci.yml') || name.endsWith('.gitlab-ci.yaml')) return true;
  for (let i = 0; i < segments.length - 2; i++) if (segments[i] === '.gitlab' && segments[i + 1] === 'ci') return true;
  return false;
}

function isGitlabIncludedPath(path: string, context: FileKindContext): boolean {
  try {
    return context.isGitlabIncluded?.(path) === true;
  } catch {
    return false; // detection must not throw
  }
}

/** True for the file GitLab starts a pipeline from; other GitLab CI files are included fragments. */
export function isGitlabPipelineRoot(path: string): boolean {
  return posixBasename(path.replace(/\\/g, '/')) === '.gitlab-ci.yml';
}

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile` (any case), but not `Dockerfile.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.startsWith('dockerfile.') && lower.length > 'dockerfile.'.length) return true;
  return lower.endsWith('.dockerfile') && lower.length > '.dockerfile'.length;
}

/** A file under a `templates/` folder whose parent holds a `Chart.yaml`. */
function isHelmTemplatePath(segments: readonly string[], context: FileKindContext): boolean {
  if (!context.isFile) return false;
  for (let i = segments.length - 2; i >= 1; i--) {
    if (segments[i] !== 'templates') continue;
    const chartDir = segments.slice(0, i).join('/') || '/';
    try {
      if (context.isFile(`${chartDir.replace(/\/$/, '')}/Chart.yaml`)) return true;
    } catch {
      // A failing probe is treated as "no chart": detection must not throw.
    }
  }
  return false;
}

/** The cheap pre-check: without both words in the text, no parse is needed. */
export function mayHoldKubernetesObject(text: string): boolean {
  return text.includes('apiVersion') && text.includes('kind');
}

/** The cheap pre-check of `kindByContentInCst`: a Kubernetes object or a compose file may be in the text. */
export function mayHoldKindByContent(text: string): boolean {
  return mayHoldKubernetesObject(text) || mayBeComposeFile(text);
}

/** A compose file has `services`; without the word no parse is needed. */
function mayBeComposeFile(text: string): boolean {
  return text.includes('services');
}

/**
 * The kind of a YAML file whose name says nothing, from its tokens: a
 * Kubernetes manifest (see `hasKubernetesObjectInCst`), or a compose file —
 * one document whose top-level keys are all compose's (`services` among them,
 * and only `version`, `name`, `include`, `networks`, `volumes`, `configs`,
 * `secrets` and `x-` extensions beside it), where some service has a key only
 * a compose service has (`image`, `build`, `extends`, `healthcheck`, …). Files
 * a project loads with `docker compose -f deploy/prod.yml`, `include:` or
 * `extends: file:` are often named freely; a map of anything else that happens
 * to have a `services` key (application settings, Helm values) has other keys
 * too, or services described by other keys (`url`, `host`).
 */
export function kindByContentInCst(tokens: Iterable<CST.Token>, text: string): 'kubernetes' | 'compose' | undefined {
  // Both checks read the tokens: a parser's generator is read once, so it is kept for the second.
  const read = Array.isArray(tokens) ? (tokens as CST.Token[]) : [...tokens];
  if (hasKubernetesObjectInCst(read, text)) return 'kubernetes';
  return isComposeFileInCst(read, text) ? 'compose' : undefined;
}

const COMPOSE_TOP_LEVEL_KEYS = new Set(['services', 'version', 'name', 'include', 'networks', 'volumes', 'configs', 'secrets']);

/** Keys that only a compose service (among maps with a `services` key) is likely to have. */
const COMPOSE_SERVICE_KEYS = new Set([
  'image',
  'build',
  'extends',
  'healthcheck',
  'depends_on',
  'restart',
  'deploy',
  'container_name',
  'entrypoint',
  'env_file',
  'cap_add',
  'security_opt',
]);

/** The values of the entries under a top-level `services:` block map (each service's map, as CST). */
function servicesOf(documentValue: unknown): unknown[] {
  const entries = (documentValue as { items?: Array<{ key?: { source?: string }; value?: unknown }> } | undefined)?.items ?? [];
  const services = entries.find((entry) => entry.key?.source === 'services')?.value as {
    type?: string;
    items?: Array<{ value?: unknown }>;
  };
  if (services?.type !== 'block-map' || !Array.isArray(services.items)) return [];
  return services.items.map((service) => service.value);
}

function isComposeFileInCst(tokens: Iterable<CST.Token>, text: string): boolean {
  if (!mayBeComposeFile(text) || text.includes('{{')) return false;
  let documents = 0;
  let composeKeys = false;
  try {
    for (const token of tokens) {
      // A syntax error anywhere (or a template action) leaves the file to the name: compose must read it whole.
      if (looksTemplated(token, text)) return false;
      if (token.type !== 'document') continue;
      documents++;
      const keys = topLevelKeys(token.value);
      composeKeys =
        keys.has('services') &&
        [...keys].every((key) => COMPOSE_TOP_LEVEL_KEYS.has(key) || key.startsWith('x-')) &&
        servicesOf(token.value).some((service) => [...topLevelKeys(service)].some((key) => COMPOSE_SERVICE_KEYS.has(key)));
    }
  } catch {
    return false;
  }
  return documents === 1 && composeKeys;
}

/**
 * True when some YAML document's top-level map has both `apiVersion` and `kind`, from tokens already parsed from
 * `text` (one parse serves detection and analysis; yaml's concrete syntax tree, no full composition: this runs for every
 * YAML file in a workspace). Text with `{{ }}` template actions is a template (Helm, gomplate…) when they break the
 * YAML or sit where YAML reads them as a map inside a map (`replicas: {{ .Values.n }}`): skipped quietly.
 */
export function hasKubernetesObjectInCst(tokens: Iterable<CST.Token>, text: string): boolean {
  if (!mayHoldKubernetesObject(text)) return false;
  const templated = text.includes('{{');
  let found = false;
  try {
    for (const token of tokens) {
      if (templated && looksTemplated(token, text)) return false;
      if (token.type !== 'document' || found) continue;
      const keys = topLevelKeys(token.value);
      if (keys.has('apiVersion') && keys.has('kind')) found = true;
    }
  } catch {
    return false;
  }
  return found;
}

interface CstItemLike {
  key?: { type?: string; source?: string } | null;
}

function topLevelKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  if (!value || typeof value !== 'object') return keys;
  const node = value as { type?: string; items?: CstItemLike[] };
  if ((node.type !== 'block-map' && node.type !== 'flow-collection') || !Array.isArray(node.items)) return keys;
  for (const item of node.items) {
    const key = item.key;
    if (!key || typeof key.source !== 'string') continue;
    if (key.type === 'scalar') keys.add(key.source);
    else if (key.type === 'single-quoted-scalar' || key.type === 'double-quoted-scalar') keys.add(key.source.slice(1, -1));
  }
  return keys;
}

/** A CST subtree with a syntax error, or with a `{{` flow collection (a template action read as YAML). */
function looksTemplated(node: unknown, text: string, depth = 0): boolean {
  if (depth > 10_000 || node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((item) => looksTemplated(item, text, depth + 1));
  const record = node as Record<string, unknown>;
  if (record.type === 'error') return true;
  if (record.type === 'flow-collection' && typeof record.offset === 'number' && text.startsWith('{{', record.offset)) return true;
  return Object.entries(record).some(
    ([key, value]) => key !== 'source' && typeof value === 'object' && looksTemplated(value, text, depth + 1),
  );
}
