// A single-instance webview panel that renders one kind of model ("upgrades" or "matrix"):
// shown or revealed by its command, re-rendered when what it describes changes, and not kept
// alive while hidden (it asks for the model again with 'ready' when it reloads).
import * as vscode from 'vscode';
import type { ModelByView } from '../../shared/messages';
import { RenderChannel } from './renderChannel';
import type { ActionEffects } from './webviewActions';
import { webviewHtml, webviewOptions } from './webviewShell';
import { NewestResult } from './newestResult';

export type PanelKind = 'upgrades' | 'matrix';

export interface PanelContent<K extends PanelKind> {
  title: string;
  model: ModelByView[K];
}

/** What the integration tests can ask of a panel without reading its DOM. */
export interface PanelSnapshot<K extends PanelKind = PanelKind> extends PanelContent<K> {
  kind: K;
  /** True when the webview has put this content on screen. */
  rendered: boolean;
}

export class ModelPanel<K extends PanelKind> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private title = '';
  private readonly refreshes = new NewestResult();
  private readonly channel: RenderChannel<K>;

  constructor(
    private readonly kind: K,
    private readonly viewType: string,
    private readonly extensionUri: vscode.Uri,
    private readonly build: () => Promise<PanelContent<K>>,
    effects: ActionEffects,
  ) {
    this.channel = new RenderChannel(kind, effects);
  }

  /** Opens the panel (or brings it forward) with fresh content. */
  async show(): Promise<void> {
    const content = await this.build();
    if (!this.panel) this.panel = this.createPanel(content.title);
    else this.panel.reveal();
    this.apply(content);
  }

  /** Rebuilds the content of an open panel; does nothing when it is closed. */
  async refresh(): Promise<void> {
    if (!this.panel) return;
    const run = this.refreshes.begin();
    const content = await this.build();
    if (this.refreshes.mayShow(run) && this.panel) this.apply(content);
  }

  snapshot(): PanelSnapshot<K> | undefined {
    const model = this.channel.current();
    if (!this.panel || model === undefined) return undefined;
    return { kind: this.kind, title: this.title, model, rendered: this.channel.isRendered() };
  }

  /** Handles a message exactly as if the panel's webview had posted it (validation included); for in-host tests. */
  receive(raw: unknown): Promise<void> {
    return this.channel.receive(raw);
  }

  isActive(): boolean {
    return this.panel?.active === true;
  }

  /**
   * Takes over a panel VS Code restored after a reload (the registered serializer) and fills it
   * with fresh content for the file the user is in now (nothing stale is kept across reloads).
   */
  async revive(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.panel = this.adopt(panel, panel.title);
    this.apply(await this.build());
  }

  /** The serializer to register for this panel's view type. */
  serializer(): vscode.WebviewPanelSerializer {
    return { deserializeWebviewPanel: (panel) => this.revive(panel) };
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      enableFindWidget: true,
    });
    return this.adopt(panel, title);
  }

  /** Gives a panel our page and wires its messages and lifetime. */
  private adopt(panel: vscode.WebviewPanel, title: string): vscode.WebviewPanel {
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, this.kind, title);
    const subscriptions = [
      this.channel.attach(panel.webview),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.channel.hidden();
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.channel.detach(panel.webview, true);
      }
    });
    return panel;
  }

  private apply(content: PanelContent<K>): void {
    if (!this.panel) return;
    this.title = content.title;
    this.panel.title = content.title;
    this.channel.show(content.model);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
