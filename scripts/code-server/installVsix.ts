// Installs a packaged extension (.vsix) the way a user does: `code-server --install-extension`,
// which unpacks it into the extensions folder as a real copy (no link back to the repository).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerBin, isCodeServerInstalled } from './paths';

/** How long the install may take: it unzips a few hundred kilobytes, so only a hang gets near this. */
const INSTALL_TIMEOUT_MS = 120_000;

/** Installs `vsixFile` into `extensionsDir`; returns the extension's installed folder. */
export function installVsix(vsixFile: string, extensionsDir: string, userDataDir: string): string {
  if (!isCodeServerInstalled()) throw new Error('code-server is not installed: run `npx tsx scripts/code-server/install.ts`');
  const before = new Set(fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir) : []);
  const run = spawnSync(
    process.execPath,
    [
      codeServerBin,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      path.resolve(vsixFile),
      '--force',
    ],
    // No gallery: the .vsix carries everything, and nothing may be fetched.
    {
      encoding: 'utf8',
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, VSCODE_IPC_HOOK_CLI: '', EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) },
    },
  );
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0)
    throw new Error(`code-server --install-extension ${vsixFile} failed (${run.status ?? run.signal ?? run.error?.message}):\n${output}`);
  const added = fs
    .readdirSync(extensionsDir)
    .filter((name) => !before.has(name) && fs.statSync(path.join(extensionsDir, name)).isDirectory());
  if (added.length !== 1)
    throw new Error(`expected one new extension folder in ${extensionsDir}, found: ${added.join(', ') || 'none'}\n${output}`);
  return path.join(extensionsDir, added[0]);
}
