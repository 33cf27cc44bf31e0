// Installs code-server (the real VS Code workbench served to a browser, with the real
// node extension host) into an ignored cache folder, on demand, and reuses it afterwards.
//
// Why not a devDependency: it is large and builds native modules; unit-test contributors
// should not pay for it on `npm ci`. Why this exact version: 4.100.3 is the newest that
// runs on Node 20 (newer ones need Node 24).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_VERSION, codeServerBin, completeMarker, installDir, isCodeServerInstalled } from './paths';

// @vscode/ripgrep's postinstall downloads its binary from GitHub, which is unreachable here.
// It first looks for this cached archive; one holding Debian's `rg` satisfies it.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

// Packages whose install scripts must have run, each with a file that proves it did, grouped by
// the npm project that installs them: our cache project (code-server's own dependencies) and
// lib/vscode (VS Code's dependencies, installed by code-server's postinstall).
const cacheProject = (): string => installDir;
const vscodeProject = (): string => path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
interface NativeArtifact {
  project: () => string;
  name: string;
  file: string;
}
const NATIVE_ARTIFACTS: NativeArtifact[] = [
  { project: cacheProject, name: 'argon2', file: 'lib/binding/napi-v3/argon2.node' },
  { project: vscodeProject, name: 'node-pty', file: 'build/Release/pty.node' },
  { project: vscodeProject, name: 'kerberos', file: 'build/Release/kerberos.node' },
  { project: vscodeProject, name: '@vscode/spdlog', file: 'build/Release/spdlog.node' },
  { project: vscodeProject, name: 'native-watchdog', file: 'build/Release/watchdog.node' },
  { project: vscodeProject, name: '@vscode/ripgrep', file: 'bin/rg' },
];

function main(): void {
  if (isCodeServerInstalled()) {
    console.log(`code-server ${CODE_SERVER_VERSION}: reusing ${installDir}`);
    return;
  }
  const started = Date.now();
  console.log(`code-server ${CODE_SERVER_VERSION}: installing into ${installDir} (takes about 1.5 minutes)`);
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  writeCachePackageJson();
  seedRipgrepCache();

  run('npm', ['install', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund'], installDir);
  approveAndRebuildMissingNatives();
  verifyInstall();

  fs.writeFileSync(completeMarker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2));
  console.log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A private project around the install, so npm's `allowScripts` policy has somewhere to live. */
function writeCachePackageJson(): void {
  const pkg = {
    name: 'stage-guide-code-server-cache',
    private: true,
    description: 'On-demand code-server for Stage Guide editor tests (see scripts/code-server/install.mjs).',
    // Reviewed install scripts: code-server's postinstall installs VS Code's own dependencies;
    // argon2 (code-server's password hashing) builds a native module.
    allowScripts: { 'code-server': true, argon2: true },
  };
  fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

function seedRipgrepCache(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the ripgrep cache is only seeded for linux-x64 (this is ${process.platform}-${process.arch})`);
  }
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (`rg`) is not installed: apt-get install ripgrep');
  const cacheDir = path.join(os.tmpdir(), RIPGREP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-rg-'));
  try {
    fs.copyFileSync(rg, path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    run('tar', ['-czf', path.join(cacheDir, RIPGREP_ARCHIVE), '-C', staging, 'rg'], installDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * npm may hold back dependencies' install scripts until they are approved. If a native
 * module did not get built, approve exactly that package in the project that owns it and
 * rebuild it, instead of working around the missing binary.
 */
function approveAndRebuildMissingNatives(): void {
  for (const project of [cacheProject, vscodeProject]) {
    const names = missingArtifacts()
      .filter((a) => a.project === project)
      .map((a) => a.name);
    if (names.length === 0) continue;
    console.log(`code-server: install scripts did not run for ${names.join(', ')}; approving and rebuilding them`);
    run('npm', ['approve-scripts', '--no-allow-scripts-pin', ...names], project());
    run('npm', ['rebuild', ...names], project());
  }
}

function missingArtifacts(): NativeArtifact[] {
  return NATIVE_ARTIFACTS.filter((a) => !fs.existsSync(path.join(a.project(), 'node_modules', a.name, a.file)));
}

function verifyInstall(): void {
  const missing = missingArtifacts();
  if (missing.length > 0) {
    throw new Error(`code-server install is incomplete, missing: ${missing.map((a) => `${a.name}/${a.file}`).join(', ')}`);
  }
  // Point its config at the cache so probing the version writes nothing into the user's home.
  const version = spawnSync(process.execPath, [codeServerBin, '--config', path.join(installDir, 'config.yaml'), '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const printed = version.stdout.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
  if (version.status !== 0 || !printed) {
    throw new Error(`code-server --version failed (${version.status}): ${version.stdout}${version.stderr}`);
  }
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: {
      ...process.env,
      // code-server's postinstall refuses to run as root without this.
      npm_config_unsafe_perm: 'true',
      // node-pty's postinstall calls `npx node-gyp`, which would otherwise wait for a "yes".
      npm_config_yes: 'true',
    },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

try {
  main();
} catch (error) {
  console.error(`code-server install failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
