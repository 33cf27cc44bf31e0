// Renders a webview's real script (src/webview/<view>.ts, bundled by esbuild as for the product)
// in a happy-dom page, fed render messages as the host sends them, so tests read the texts a
// person would see without starting an editor. Each view gets its own page and its own copy
// of the script, as a webview does.
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import type * as HappyDom from 'happy-dom';
import type { Labels, ModelByView, RenderMessage, ViewKind } from '../../../src/shared/messages';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const bundles = new Map<ViewKind, string>();

function bundle(view: ViewKind): string {
  let code = bundles.get(view);
  if (code === undefined) {
    const result = esbuild.buildSync({
      entryPoints: [path.join(repoRoot, 'src', 'webview', `${view}.ts`)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
    bundles.set(view, code);
  }
  return code;
}

let happyDom: typeof HappyDom | undefined;

/**
 * Loads happy-dom; await it (in a `before` hook) before the first openView. A dynamic import, so
 * node loads happy-dom (an ES module) natively: a static import would reach it through tsx's
 * require hook, which turns every access to its internal module namespaces into a getter call and
 * made each render about three times slower (most of the rendered-texts suite's minute).
 */
export async function loadDom(): Promise<void> {
  happyDom ??= await import('happy-dom');
}

export interface RenderedView {
  /** Feeds one model (as the host's render message) and returns the page's root element after it rendered. */
  render(model: ModelByView[ViewKind]): HTMLElement;
  close(): Promise<void>;
}

/** A page running `view`'s script; `savedState` is what the webview's getState() returns (e.g. every concern expanded). */
export function openView(view: ViewKind, labels: Labels, savedState?: unknown): RenderedView {
  if (!happyDom) throw new Error('await loadDom() before openView()');
  const window = new happyDom.Window({ url: 'https://webview.test/' });
  const document = window.document;
  document.body.dataset.view = view;
  document.body.innerHTML = '<main id="root" aria-busy="true"></main>';
  const posted: unknown[] = [];
  const sandbox = {
    window,
    document,
    CSS: { escape: (text: string) => text.replace(/[^\w-]/g, (char) => `\\${char}`) },
    requestAnimationFrame: (callback: () => void) => window.setTimeout(callback, 0),
    acquireVsCodeApi: () => ({
      postMessage: (message: unknown) => posted.push(message),
      getState: () => savedState,
      setState: () => undefined,
    }),
    console,
  };
  vm.runInNewContext(bundle(view), sandbox, { filename: `${view}.js` });
  let version = 0;
  return {
    render(model) {
      const message: RenderMessage = { type: 'render', view, model, labels, version: ++version } as RenderMessage;
      window.dispatchEvent(new window.MessageEvent('message', { data: message }));
      if (
        !posted.some(
          (sent) => (sent as { type?: string; version?: number }).type === 'rendered' && (sent as { version?: number }).version === version,
        )
      ) {
        throw new Error(`the ${view} view did not acknowledge render ${version}`);
      }
      return document.getElementById('root') as unknown as HTMLElement;
    },
    close: () => window.happyDOM.close(),
  };
}

/**
 * The texts of a rendered page as a person reads them, one per element that holds text of its
 * own (its whole text, spaces collapsed), plus the titles and labels assistive technology reads.
 */
export function textsOf(root: HTMLElement): string[] {
  const texts: string[] = [];
  const visit = (element: Element): void => {
    const ownText = Array.from(element.childNodes).some((node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '');
    if (ownText) texts.push((element.textContent ?? '').replace(/\s+/g, ' ').trim());
    for (const attribute of ['title', 'aria-label']) {
      const value = element.getAttribute(attribute);
      if (value) texts.push(value);
    }
    for (const child of Array.from(element.children)) visit(child);
  };
  visit(root);
  return texts;
}
