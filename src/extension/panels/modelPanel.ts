// A single-instance webview panel that renders one kind of model ("upgrades" or "matrix"):
// shown or revealed by its command, re-rendered when what it describes changes, and not kept
// alive while hidden (it asks for the model again with 'ready' when it reloads).
import * as vscode from 'vscode';
import { parseWebviewMessage } from '../../shared/messages';
import type { Labels, ModelByView, RenderMessage } from '../../shared/messages';
import { webviewLabels } from './labels';
import { performWebviewAction } from './webviewActions';
import type { ActionEffects } from './webviewActions';
import { webviewHtml, webviewOptions } from './webviewShell';

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
  private content: PanelContent<K> | undefined;
  private version = 0;
  private renderedVersion = -1;
  private refreshes = 0;
  private readonly labels: Labels = webviewLabels();

  constructor(
    private readonly kind: K,
    private readonly viewType: string,
    private readonly extensionUri: vscode.Uri,
    private readonly build: () => Promise<PanelContent<K>>,
    private readonly effects: ActionEffects,
  ) {}

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
    const run = ++this.refreshes;
    const content = await this.build();
    if (run === this.refreshes && this.panel) this.apply(content);
  }

  snapshot(): PanelSnapshot<K> | undefined {
    if (!this.panel || !this.content) return undefined;
    return { kind: this.kind, ...this.content, rendered: this.renderedVersion === this.version };
  }

  /** Handles a message exactly as if the panel's webview had posted it (validation included); for in-host tests. */
  receive(raw: unknown): Promise<void> {
    return this.onMessage(raw);
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
    this.content = undefined;
    this.apply(await this.build());
  }

  /** The serializer to register for this panel's view type. */
  serializer(): vscode.WebviewPanelSerializer {
    return { deserializeWebviewPanel: (panel) => this.revive(panel) };
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Active, { ...webviewOptions(this.extensionUri), enableFindWidget: true });
    return this.adopt(panel, title);
  }

  /** Gives a panel our page and wires its messages and lifetime. */
  private adopt(panel: vscode.WebviewPanel, title: string): vscode.WebviewPanel {
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, this.kind, title);
    this.renderedVersion = -1;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.renderedVersion = -1;
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.content = undefined;
      }
    });
    return panel;
  }

  private apply(content: PanelContent<K>): void {
    if (!this.panel) return;
    if (this.content && JSON.stringify(this.content) === JSON.stringify(content)) return;
    this.content = content;
    this.version += 1;
    this.panel.title = content.title;
    this.post();
  }

  private post(): void {
    if (!this.panel || !this.content) return;
    const message: RenderMessage<K> = { type: 'render', view: this.kind, version: this.version, model: this.content.model, labels: this.labels };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') this.post();
    else if (message.type === 'rendered') this.renderedVersion = message.version;
    else await performWebviewAction(message, this.effects);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
