// Where the on-demand code-server lives, shared by the installer and the launcher.
// It is kept out of package.json on purpose: contributors who only run unit tests
// should not pay for a 1.5-minute native install on `npm ci`.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The newest code-server that runs on Node 20 (newer ones need Node 24); VS Code 1.100.3. */
export const CODE_SERVER_VERSION = '4.100.3';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Cache folder (ignored by git through `.vscode-test/`). */
export const installDir = path.join(repoRoot, '.vscode-test', 'code-server');

/** code-server's own launcher script inside the cache. */
export const codeServerBin = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Written last by the installer, so a half-finished install is never reused. */
export const completeMarker = path.join(installDir, 'install-complete.json');

/** True when a finished install of exactly CODE_SERVER_VERSION is in the cache. */
export function isCodeServerInstalled(): boolean {
  if (!fs.existsSync(completeMarker) || !fs.existsSync(codeServerBin)) return false;
  try {
    return JSON.parse(fs.readFileSync(completeMarker, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}
