// The host side of one webview's render protocol, shared by the sidebar view and the panels:
// the model shown (posted only when it changes), its version, whether the webview has
// acknowledged putting it on screen, and the webview's requests (validated, then performed).
import type * as vscode from 'vscode';
import { parseWebviewMessage } from '../../shared/messages';
import type { Labels, ModelByView, RenderMessage, ViewKind } from '../../shared/messages';
import { webviewLabels } from './labels';
import { performWebviewAction } from './webviewActions';
import type { ActionEffects } from './webviewActions';

export class RenderChannel<K extends ViewKind> {
  private webview: vscode.Webview | undefined;
  private model: ModelByView[K] | undefined;
  private modelJson = '';
  private version = 0;
  private renderedVersion = -1;
  private readonly labels: Labels = webviewLabels();

  constructor(
    private readonly view: K,
    private readonly effects: ActionEffects,
  ) {}

  /** Connects a (new) webview; nothing is on screen until its script says 'ready'. Dispose the result when the webview goes. */
  attach(webview: vscode.Webview): vscode.Disposable {
    this.webview = webview;
    this.renderedVersion = -1;
    return webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
  }

  /** The webview is gone; the model is kept unless `forget` (a closed panel shows nothing). */
  detach(webview: vscode.Webview, forget = false): void {
    if (this.webview !== webview) return;
    this.webview = undefined;
    if (forget) {
      this.model = undefined;
      this.modelJson = '';
    }
  }

  /** Hidden, the webview is discarded (no retainContextWhenHidden): nothing is on screen until it says 'ready' again. */
  hidden(): void {
    this.renderedVersion = -1;
  }

  /** Shows a model; false, and nothing posted, when it equals the one shown (a re-render would reset the view for nothing). */
  show(model: ModelByView[K]): boolean {
    const json = JSON.stringify(model);
    if (this.model !== undefined && json === this.modelJson) return false;
    this.model = model;
    this.modelJson = json;
    this.version += 1;
    this.post();
    return true;
  }

  current(): ModelByView[K] | undefined {
    return this.model;
  }

  /** True when the webview has put the current model on screen. */
  isRendered(): boolean {
    return this.model !== undefined && this.renderedVersion === this.version;
  }

  /** Handles a message from the webview (or, in tests, one delivered as if it came from there). */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') this.post();
    else if (message.type === 'rendered') this.renderedVersion = message.version;
    else await performWebviewAction(message, this.effects);
  }

  private post(): void {
    if (!this.webview || this.model === undefined) return;
    const message: RenderMessage<K> = { type: 'render', view: this.view, version: this.version, model: this.model, labels: this.labels };
    void this.webview.postMessage(message);
  }
}
