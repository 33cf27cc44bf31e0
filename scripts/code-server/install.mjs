#!/usr/bin/env node
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
import { CODE_SERVER_VERSION, codeServerBin, completeMarker, installDir } from './paths.mjs';

// @vscode/ripgrep's postinstall downloads its binary from GitHub, which is unreachable here.
// It first looks for this cached archive; one holding Debian's `rg` satisfies it.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

// Native modules built by the nested `npm install` that code-server's postinstall runs in
// lib/vscode. Each file proves that the module's install script really ran.
const NATIVE_ARTIFACTS = [
  ['node-pty', 'build/Release/pty.node'],
  ['kerberos', 'build/Release/kerberos.node'],
  ['@vscode/spdlog', 'build/Release/spdlog.node'],
  ['@vscode/ripgrep', 'bin/rg'],
];
const vscodeLib = () => path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');

function main() {
  if (isComplete()) {
    console.log(`code-server ${CODE_SERVER_VERSION}: reusing ${installDir}`);
    return;
  }
  const started = Date.now();
  console.log(`code-server ${CODE_SERVER_VERSION}: installing into ${installDir} (takes about 1.5 minutes)`);
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  writeCachePackageJson();
  seedRipgrepCache();

  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund'], installDir);
  approveAndRebuildMissingNatives();
  verifyInstall();

  fs.writeFileSync(completeMarker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2));
  console.log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function isComplete() {
  if (!fs.existsSync(completeMarker) || !fs.existsSync(codeServerBin)) return false;
  try {
    return JSON.parse(fs.readFileSync(completeMarker, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** A private project around the install, so npm's `allowScripts` policy has somewhere to live. */
function writeCachePackageJson() {
  const pkg = {
    name: 'stage-guide-code-server-cache',
    private: true,
    description: 'On-demand code-server for Stage Guide editor tests (see scripts/code-server/install.mjs).',
    // code-server's postinstall installs VS Code's own dependencies; it must run.
    allowScripts: { 'code-server': true },
  };
  fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

function seedRipgrepCache() {
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
 * module did not get built, approve exactly that package in the project that owns it
 * (lib/vscode) and rebuild it, instead of working around the missing binary.
 */
function approveAndRebuildMissingNatives() {
  const missing = missingArtifacts();
  if (missing.length === 0) return;
  const names = [...new Set(missing.map(([name]) => name))];
  console.log(`code-server: install scripts did not run for ${names.join(', ')}; approving and rebuilding them`);
  run('npm', ['approve-scripts', '--no-allow-scripts-pin', ...names], vscodeLib());
  run('npm', ['rebuild', ...names], vscodeLib());
}

function missingArtifacts() {
  return NATIVE_ARTIFACTS.filter(([name, file]) => !fs.existsSync(path.join(vscodeLib(), 'node_modules', name, file)));
}

function verifyInstall() {
  const missing = missingArtifacts();
  if (missing.length > 0) {
    throw new Error(`code-server install is incomplete, missing: ${missing.map(([n, f]) => `${n}/${f}`).join(', ')}`);
  }
  const version = spawnSync(process.execPath, [codeServerBin, '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (version.status !== 0 || !version.stdout.startsWith(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version failed (${version.status}): ${version.stdout}${version.stderr}`);
  }
}

function run(command, args, cwd) {
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

function findOnPath(command) {
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
