// Where the on-demand code-server lives, shared by the installer and the launcher.
// It is kept out of package.json on purpose: contributors who only run unit tests
// should not pay for a 1.5-minute native install on `npm ci`.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Cache folder (ignored by git through `.vscode-test/`). */
export const installDir = path.join(repoRoot, '.vscode-test', 'code-server');

/** code-server's own launcher script inside the cache. */
export const codeServerBin = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Written last by the installer, so a half-finished install is never reused. */
export const completeMarker = path.join(installDir, 'install-complete.json');
