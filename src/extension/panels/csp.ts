// The Content-Security-Policy and nonce every Stage Guide webview uses. Kept free of `vscode`
// so the exact policy is unit-tested.
import { randomBytes } from 'node:crypto';

/** A nonce for one page load: 128 random bits from the OS generator, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Nothing loads unless listed: styles and fonts only from the extension (`cspSource`), scripts
 * only with this load's nonce, no inline handlers, no images, no network.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

/** For the few of our own strings the shell puts in markup (title, URIs, language tag). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
