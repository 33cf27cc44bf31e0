// The webview side of the host connection: the one `acquireVsCodeApi()` handle, typed
// messages out, and render messages in for one kind of view.
import type { Labels, ModelByView, RenderMessage, ViewKind, WebviewToHost } from '../../shared/messages';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be called once per page load, so it is called here and shared. */
const vscode = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}

/** The view's saved state, or `fallback` when there is none or it has another shape. */
export function loadState<S extends object>(fallback: S, isState: (value: unknown) => value is S): S {
  const saved = vscode.getState();
  return isState(saved) ? saved : fallback;
}

export function saveState<S extends object>(state: S): void {
  vscode.setState(state);
}

/**
 * Renders each model the host sends for `view`, acknowledges it (so tests know it is on
 * screen), and asks for the current model once the listener is in place.
 */
export function connectView<K extends ViewKind>(view: K, render: (model: ModelByView[K], labels: Labels) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as Partial<RenderMessage> | undefined;
    if (!message || message.type !== 'render' || message.view !== view) return;
    const { model, labels, version } = message as RenderMessage<K>;
    render(model, labels);
    document.getElementById('root')?.setAttribute('aria-busy', 'false');
    post({ type: 'rendered', version });
  });
  post({ type: 'ready' });
}
