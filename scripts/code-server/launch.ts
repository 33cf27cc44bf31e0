// Starts code-server (real VS Code workbench + real node extension host) for one test run,
// on a free loopback port, with throwaway user-data and extensions folders, and stops it by
// its own process group. Loopback matters: webviews need a secure context.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerBin, isCodeServerInstalled } from './paths';
import { killProcessGroup, registerForCleanup } from './processCleanup';
import { installVsix } from './installVsix';
import { stageExtension } from './stageExtension';
import { waitFor, withDeadline } from './waitFor';

/** User settings that keep the workbench the same on every run: nothing opens by itself. */
export const DETERMINISTIC_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  // code-server saves after a delay by default; tests decide when a file is saved.
  'files.autoSave': 'off',
  // The desktop default, fixed so screenshots do not follow the browser's light/dark preference.
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  // Fixtures live inside this repository; trust prompts would only get in the way.
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  // The fixtures sit inside this git repository; the git extension's scans and prompts add noise.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
};

export interface CodeServerOptions {
  /** Settings merged over DETERMINISTIC_SETTINGS (e.g. a test that needs workspace trust). */
  settings?: Record<string, unknown>;
  /** Deadline for code-server to answer its health check. */
  startTimeoutMs?: number;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: Record<string, string>;
  /**
   * Extension source folders to install before start, as a user would have them: each is
   * staged (see stageExtension) into the extensions folder, where code-server finds it.
   */
  installedExtensions?: string[];
  /** Packaged extensions (.vsix files) to install before start with `--install-extension`: real copies, as from a download. */
  vsixFiles?: string[];
}

export interface CodeServer {
  readonly port: number;
  readonly pid: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /**
   * Workbench URL opening `target` (a folder, or a `.code-workspace` file for a multi-root
   * workspace), with optional workbench payload entries (name/value pairs).
   */
  workbenchUrl(target: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A local path as the workbench in the browser must name it: `vscode-remote://127.0.0.1:<port><path>`. */
  remoteUri(localPath: string): string;
  /** Everything code-server printed so far, for failure reports. */
  output(): string;
  /** Stops code-server and its children (extension host, pty host) and removes its temp folders. */
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 200_000;

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!isCodeServerInstalled()) {
    throw new Error('code-server is not installed: run `npm run test:editor` or `npx tsx scripts/code-server/install.ts`');
  }
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-code-server-'));
  const userDataDir = path.join(tempRoot, 'user-data');
  const extensionsDir = path.join(tempRoot, 'extensions');
  try {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    for (const source of options.installedExtensions ?? []) stageExtension(source, extensionsDir);
    for (const vsix of options.vsixFiles ?? []) installVsix(vsix, extensionsDir, userDataDir);
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DETERMINISTIC_SETTINGS, ...options.settings }, null, 2),
    );
  } catch (error) {
    fs.rmSync(tempRoot, { recursive: true, force: true });
    throw error;
  }

  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      codeServerBin,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      // Its own config file, so nothing is written into the user's home folder.
      '--config',
      path.join(tempRoot, 'config.yaml'),
    ],
    {
      // Leader of its own process group: stopping the group also stops the extension host.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // Inherited from a VS Code terminal, this would send `code` CLI calls to that editor.
        VSCODE_IPC_HOOK_CLI: '',
        XDG_DATA_HOME: path.join(tempRoot, 'xdg-data'),
        // No extension gallery: tests must not reach out to the network, and nothing is installed from it.
        EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
        ...options.env,
      },
    },
  );
  const pid = child.pid;
  if (pid === undefined) {
    fs.rmSync(tempRoot, { recursive: true, force: true });
    throw new Error('code-server did not start (no process id)');
  }
  const unregister = registerForCleanup(() => {
    killProcessGroup(pid, 'SIGKILL');
    fs.rmSync(tempRoot, { recursive: true, force: true });
  });

  let output = '';
  const verbose = process.env.STAGE_GUIDE_EDITOR_VERBOSE === '1';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
    if (verbose) process.stderr.write(`[code-server] ${chunk.toString()}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = exitPromise(child);

  const server: CodeServer = {
    port,
    pid,
    origin,
    userDataDir,
    extensionsDir,
    workbenchUrl(target, payload) {
      const query = new URLSearchParams({ [target.endsWith('.code-workspace') ? 'workspace' : 'folder']: target });
      if (payload && payload.length > 0) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    remoteUri(localPath) {
      return `vscode-remote://127.0.0.1:${port}${path.resolve(localPath)}`;
    },
    output: () => output,
    async stop() {
      try {
        await stopProcessGroup(child, pid, exited);
      } finally {
        unregister();
        fs.rmSync(tempRoot, { recursive: true, force: true });
      }
    },
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
        }
        return isHealthy(origin);
      },
      { description: `code-server on ${origin}`, timeoutMs: options.startTimeoutMs ?? 60_000, pollMs: 200 },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false; // Not listening yet.
  }
}

function exitPromise(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopProcessGroup(child: ChildProcess, pid: number, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    killProcessGroup(pid, 'SIGTERM');
    try {
      await withDeadline(exited, 10_000, `code-server (pid ${pid}) to exit after SIGTERM`);
    } catch {
      killProcessGroup(pid, 'SIGKILL');
      await withDeadline(exited, 5_000, `code-server (pid ${pid}) to exit after SIGKILL`);
    }
  }
  // The leader is gone; make sure no child it left in its group lives on.
  killProcessGroup(pid, 'SIGKILL');
}

/** Asks the OS for a free loopback port. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the probe port'));
      });
    });
  });
}
