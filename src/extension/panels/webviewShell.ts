// The one HTML shell for every Stage Guide webview: strict CSP, a fresh crypto-random nonce
// for the bundled script, styles and fonts only from the extension, and nothing from files
// in the markup (the script renders the model with textContent).
import * as vscode from 'vscode';
import { contentSecurityPolicy, createNonce, escapeHtml } from './csp';
import type { ViewKind } from '../../shared/messages';

/** Folders (relative to the extension) a webview may load from: our styles, and the bundled scripts and codicons. */
const RESOURCE_FOLDERS = ['media', 'dist/webview'] as const;

/** Codicons are copied next to the bundles at build time, so `dist/webview` is the only code folder a webview reads. */
const CODICON_CSS = 'dist/webview/codicons/codicon.css';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: RESOURCE_FOLDERS.map((folder) => vscode.Uri.joinPath(extensionUri, folder)),
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): string {
  const nonce = createNonce();
  const asset = (relative: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, relative)).toString();
  const styles = [CODICON_CSS, 'media/webview.css', `media/${view}.css`];
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(asset(href))}">`).join('\n')}
<title>${escapeHtml(title)}</title>
</head>
<body data-view="${view}">
<main id="root" aria-busy="true"></main>
<script nonce="${nonce}" src="${escapeHtml(asset(`dist/webview/${view}.js`))}"></script>
</body>
</html>`;
}
