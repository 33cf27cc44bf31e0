// The "Stage" webview view: renders the sidebar model for the file the user is in, and
// re-renders when that file, its `.stage.yml` or a team matrix changes. The webview is not
// kept alive while hidden: each time it loads it says 'ready' and gets the current model.
import * as vscode from 'vscode';
import type { SidebarModel } from '../../shared/messages';
import type { EvidenceService } from '../evidence/evidenceService';
import { withSidebarEvidence } from '../evidence/evidenceViews';
import { RenderChannel } from '../panels/renderChannel';
import type { ActionEffects } from '../panels/webviewActions';
import { webviewHtml, webviewOptions } from '../panels/webviewShell';
import type { StageService } from '../stageService';
import { trustedNow } from '../workspaceTrust';
import type { ActiveTarget } from './activeTarget';
import { evidenceOf, resolveTarget } from './governingView';
import type { ResolvedTarget } from './governingView';
import { withRestrictedMode } from './restrictedMode';
import { buildSidebarModel } from './viewModel';
import { NewestResult } from '../panels/newestResult';

export const SIDEBAR_VIEW_ID = 'stageGuide.sidebar';

/** What the integration tests can ask of the sidebar without reading the webview's DOM. */
export interface SidebarApi {
  /** The model the view shows (or would show, once opened). */
  lastModel(): SidebarModel | undefined;
  /** True when the webview has put the latest model on screen. */
  isRendered(): boolean;
  /** Computes the model again now (a test's report of a view that did not follow a change). */
  refresh(): Promise<void>;
  /** Whether the view is on screen. */
  isVisible(): boolean;
}

export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable, SidebarApi {
  private view: vscode.WebviewView | undefined;
  private readonly channel: RenderChannel<'sidebar'>;
  /** Refreshes can overlap (a slow read, then a fast one): an older result never replaces a newer one. */
  private readonly refreshes = new NewestResult();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly stageService: StageService,
    private readonly target: ActiveTarget,
    private readonly evidence: EvidenceService,
    effects: ActionEffects,
  ) {
    this.channel = new RenderChannel('sidebar', effects);
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
    const subscriptions = [
      this.channel.attach(view.webview),
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.channel.hidden();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.channel.detach(view.webview);
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
    this.showDescription();
    // The evidence is for eyes on the view: its scan starts once the view is first opened.
    void this.refresh();
  }

  lastModel(): SidebarModel | undefined {
    return this.channel.current();
  }

  isRendered(): boolean {
    return this.channel.isRendered();
  }

  isVisible(): boolean {
    return this.view?.visible === true;
  }

  /** Recomputes the model; the channel posts it only when it differs. */
  async refresh(): Promise<void> {
    const run = this.refreshes.begin();
    const target = this.target.current();
    const model = target ? this.modelFor(await resolveTarget(this.stageService, target)) : buildSidebarModel({ governing: undefined });
    if (!this.refreshes.mayShow(run)) return;
    if (this.channel.show(model)) this.showDescription();
  }

  /**
   * The matrix column for the target, with the evidence of its service once the stage is valid
   * and the view has been opened (nobody looking: no workspace scan at start-up).
   */
  private modelFor(resolved: ResolvedTarget): SidebarModel {
    const model = withRestrictedMode(buildSidebarModel(resolved), {
      trusted: trustedNow(),
      scanEnabled: this.evidence.enabled(),
      namesTeamMatrix: resolved.governing.stageFile?.config.matrix !== undefined,
    });
    if (model.kind !== 'stage' || !model.stage || !this.view) return model;
    const evidence = evidenceOf(resolved, this.evidence);
    return evidence ? withSidebarEvidence(model, evidence.snapshot, resolved.governing.matrix, evidence.places) : model;
  }

  /** The view's header shows the stage's short name next to its title ("Stage · MVP"). */
  private showDescription(): void {
    if (!this.view) return;
    const model = this.channel.current();
    this.view.description = model?.kind === 'stage' ? model.stage?.shortName : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
