import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml } from '../../../src/extension/panels/csp';
import { formatLabel, parseWebviewMessage } from '../../../src/shared/messages';

describe('webview messages', () => {
  it('accepts the messages the webviews send', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'rendered', version: 3 }), { type: 'rendered', version: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', url: 'https://owasp.org' }), { type: 'openLink', url: 'https://owasp.org' });
    const location = { uri: 'file:///ws/.stage.yml', range: { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } } };
    assert.deepEqual(parseWebviewMessage({ type: 'openFile', location }), { type: 'openFile', location });
    assert.deepEqual(parseWebviewMessage({ type: 'runCommand', command: 'stageGuide.createStageFile' }), {
      type: 'runCommand',
      command: 'stageGuide.createStageFile',
    });
  });

  it('rejects anything else: unknown types, commands off the allowlist, malformed locations', () => {
    for (const message of [
      undefined,
      null,
      'ready',
      { type: 'eval', code: '1' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openFile', location: { uri: 42 } },
      { type: 'openFile', location: { uri: 'file:///x', range: { start: { line: 'a' } } } },
      { type: 'rendered' },
    ]) {
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('fills label placeholders and leaves unknown ones as written', () => {
    assert.equal(formatLabel('Line {0}: {1}', 3, 'Unknown stage'), 'Line 3: Unknown stage');
    assert.equal(formatLabel('At {0} and {1}', 'MVP'), 'At MVP and {1}');
  });
});

describe('webview content security policy', () => {
  it('allows only extension styles and fonts and scripts with the nonce', () => {
    assert.equal(
      contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc='),
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc='",
    );
  });

  it('makes a fresh 128-bit base64 nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  });

  it("escapes markup characters in the shell's own strings", () => {
    assert.equal(escapeHtml('<a href="x">\'&'), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
  });
});
