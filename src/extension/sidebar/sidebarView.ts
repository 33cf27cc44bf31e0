// The "Stage" webview view: renders the sidebar model for the file the user is in, and
// re-renders when that file, its `.stage.yml` or a team matrix changes. The webview is not
// kept alive while hidden: each time it loads it says 'ready' and gets the current model.
import * as vscode from 'vscode';
import { parseWebviewMessage } from '../../shared/messages';
import type { Labels, RenderMessage, SidebarModel } from '../../shared/messages';
import { webviewLabels } from '../panels/labels';
import type { EvidenceService } from '../evidence/evidenceService';
import { withSidebarEvidence } from '../evidence/evidenceViews';
import { performWebviewAction } from '../panels/webviewActions';
import type { ActionEffects } from '../panels/webviewActions';
import { webviewHtml, webviewOptions } from '../panels/webviewShell';
import type { StageService } from '../stageService';
import type { ActiveTarget } from './activeTarget';
import { evidenceOf, resolveTarget } from './governingView';
import type { ResolvedTarget } from './governingView';
import { buildSidebarModel } from './viewModel';

export const SIDEBAR_VIEW_ID = 'stageGuide.sidebar';

/** What the integration tests can ask of the sidebar without reading the webview's DOM. */
export interface SidebarApi {
  /** The model the view shows (or would show, once opened). */
  lastModel(): SidebarModel | undefined;
  /** True when the webview has put the latest model on screen. */
  isRendered(): boolean;
}

export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable, SidebarApi {
  private view: vscode.WebviewView | undefined;
  private model: SidebarModel | undefined;
  private modelJson = '';
  private version = 0;
  private renderedVersion = -1;
  /** Refreshes can overlap (a slow read, then a fast one); only the latest one's result counts. */
  private refreshes = 0;
  private readonly labels: Labels = webviewLabels();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly stageService: StageService,
    private readonly target: ActiveTarget,
    private readonly evidence: EvidenceService,
    private readonly effects: ActionEffects,
  ) {
    this.disposables.push(
      target.onDidChange(() => void this.refresh()),
      stageService.onDidChange(() => void this.refresh()),
      evidence.onDidChange(() => void this.refresh()),
    );
    void this.refresh();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'sidebar', 'Stage Guide');
    this.renderedVersion = -1;
    const subscriptions = [
      view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      // Hidden, the webview is discarded (no retainContextWhenHidden): nothing is on screen until it says 'ready' again.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.renderedVersion = -1;
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
    this.showDescription();
  }

  lastModel(): SidebarModel | undefined {
    return this.model;
  }

  isRendered(): boolean {
    return this.model !== undefined && this.renderedVersion === this.version;
  }

  /** Recomputes the model; posts it only when it differs, so re-renders do not reset the view for nothing. */
  async refresh(): Promise<void> {
    const run = ++this.refreshes;
    const target = this.target.current();
    const model = target ? this.modelFor(await resolveTarget(this.stageService, target)) : buildSidebarModel({ governing: undefined });
    if (run !== this.refreshes) return;
    const json = JSON.stringify(model);
    if (json === this.modelJson) return;
    this.model = model;
    this.modelJson = json;
    this.version += 1;
    this.post();
  }

  /** The matrix column for the target, with the evidence of its service once the stage is valid. */
  private modelFor(resolved: ResolvedTarget): SidebarModel {
    const model = buildSidebarModel(resolved);
    if (model.kind !== 'stage' || !model.stage) return model;
    const evidence = evidenceOf(resolved, this.evidence);
    return evidence ? withSidebarEvidence(model, evidence.snapshot, resolved.governing.matrix, evidence.places) : model;
  }

  private post(): void {
    if (!this.view || !this.model) return;
    const message: RenderMessage<'sidebar'> = { type: 'render', view: 'sidebar', version: this.version, model: this.model, labels: this.labels };
    void this.view.webview.postMessage(message);
    this.showDescription();
  }

  /** The view's header shows the stage's short name next to its title ("Stage · MVP"). */
  private showDescription(): void {
    if (!this.view) return;
    this.view.description = this.model?.kind === 'stage' ? this.model.stage?.shortName : undefined;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') this.post();
    else if (message.type === 'rendered') this.renderedVersion = message.version;
    else await performWebviewAction(message, this.effects);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
