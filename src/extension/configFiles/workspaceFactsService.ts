import * as vscode from 'vscode';
import { isWorkspaceFactFileName, workspaceFactsFrom, WORKSPACE_FACT_FILES } from '../../core/guidance/workspaceFacts';
import { NO_WORKSPACE_FACTS } from '../../core/rules/types';
import { fileDigests } from '../../core/deployment/digest/fileDigests';
import { DeploymentModel } from '../../core/deployment/model/deploymentModel';
import type { FileDigest } from '../../core/deployment/types';
import { posixBasename, posixDirname } from '../../core/fileSystem';
import { isTerraformLockName, isTerraformName } from '../../core/format/terraform/terraformFile';
import type { WorkspaceFacts } from '../../core/rules/types';
import { findFilesByName } from '../../core/workspace/findFilesByName';
import { readWorkspaceFile, WorkspaceFileSystem } from '../workspaceFileSystem';
import { allowedNow, onDidGrantTrust } from '../workspaceTrust';

const YAML_NAME = /\.ya?ml$/i;
const MAX_FILES = 2000;
const MAX_BYTES = 1024 * 1024;
const RESCAN_DEBOUNCE_MS = 1000;

/**
 * Workspace-level facts that file rules depend on (e.g. "images are deployed
 * with Kubernetes", which turns the Dockerfile HEALTHCHECK rule into a hover
 * about probes), and the YAML files that exist (so a file under a Helm chart's
 * `templates/` is skipped like the CLI skips it). Computed once, then again
 * when YAML files change on disk — never per keystroke. The walk never follows
 * symbolic links (`findFiles` does: a link to `/` searched the whole disk) and
 * does not run in Restricted Mode: facts then stay "none known".
 */
export class WorkspaceFactsService implements vscode.Disposable {
  private facts: WorkspaceFacts = NO_WORKSPACE_FACTS;
  private model = new DeploymentModel([]);
  private yamlPaths = new Set<string>();
  /** Changes when a Helm chart (`Chart.yaml`) appears or goes: analyses keyed by it are redone. */
  private chartsKey = '';
  private scan: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FACT_FILES);
    const later = () => this.scheduleRescan();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidChange(later),
      watcher.onDidDelete(later),
      onDidGrantTrust(later),
      this.changed,
    );
  }

  /** The current facts; the first call waits for the first scan. */
  async current(): Promise<WorkspaceFacts> {
    if (!this.scan) this.scan = this.rescan();
    await this.scan;
    return this.facts;
  }

  /** The workspace model of what is deployed (compose projects, image builds, kustomizations); the first call waits for the first scan. */
  async deployment(): Promise<DeploymentModel> {
    await this.current();
    return this.model;
  }

  /**
   * Whether a workspace YAML file exists at this path, as of the last scan: the core asks it
   * for `Chart.yaml` next to a `templates/` folder (Helm templates are not YAML until rendered).
   */
  isYamlFile(path: string): boolean {
    return this.yamlPaths.has(path);
  }

  /** Identifies the set of Helm charts the last scan saw (part of an analysis' cache key). */
  chartsVersion(): string {
    return this.chartsKey;
  }

  private scheduleRescan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.scan = this.rescan();
    }, RESCAN_DEBOUNCE_MS);
  }

  private async rescan(): Promise<void> {
    const found = allowedNow('workspace-scan') ? await workspaceModelFiles() : [];
    const uris = found.filter((uri) => YAML_NAME.test(uri.path));
    const yamlPaths = new Set(uris.map((uri) => uri.path));
    const files: Array<{ path: string; text: string }> = [];
    const digests: FileDigest[] = [];
    for (const uri of found) {
      // A Terraform lock file counts by its presence (passed to the facts by path below): never read.
      if (isTerraformLockName(posixBasename(uri.path))) continue;
      // A file deleted mid-scan, too large or not a regular file (a FIFO) simply does not count.
      const read = await readWorkspaceFile(uri, MAX_BYTES);
      if (read.status !== 'ok') continue;
      if (yamlPaths.has(uri.path) || isTerraformName(posixBasename(uri.path))) files.push({ path: uri.path, text: read.text });
      // A YAML file's kind may depend on the facts (a GitLab pipeline that includes it): digested once they are known.
      if (!yamlPaths.has(uri.path)) digests.push(...fileDigests(uri.path, read.text, { isFile: (path) => yamlPaths.has(path) }));
    }
    const next = workspaceFactsFrom(
      files,
      found.map((uri) => uri.path),
    );
    for (const file of files)
      if (yamlPaths.has(file.path)) digests.push(...fileDigests(file.path, file.text, { isFile: (path) => yamlPaths.has(path) }, next));
    const model = new DeploymentModel(digests, {
      repositoryRoot: vscode.workspace.workspaceFolders?.[0]?.uri.path,
      serviceRoots: [
        ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.path),
        ...uris.filter((uri) => uri.path.endsWith('/.stage.yml')).map((uri) => posixDirname(uri.path)),
      ],
    });
    const chartsKey = uris
      .map((uri) => uri.path)
      .filter((path) => path.endsWith('/Chart.yaml'))
      .sort()
      .join('\n');
    const differs =
      JSON.stringify(next) !== JSON.stringify(this.facts) || chartsKey !== this.chartsKey || model.signature !== this.model.signature;
    this.facts = next;
    this.model = model;
    this.yamlPaths = new Set(uris.map((uri) => uri.path));
    this.chartsKey = chartsKey;
    if (differs) this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/**
 * The workspace folders' YAML files, Dockerfiles, Terraform files and lock files, and files that link them
 * (kustomizations, scripts), up to MAX_FILES in all.
 */
async function workspaceModelFiles(): Promise<vscode.Uri[]> {
  const uris: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const found = await findFilesByName(new WorkspaceFileSystem(folder.uri), [folder.uri.path], {
      wants: isWorkspaceFactFileName,
      maxFiles: MAX_FILES - uris.length,
    });
    uris.push(...found.files.map((path) => folder.uri.with({ path })));
    if (uris.length >= MAX_FILES) break;
  }
  return uris;
}
