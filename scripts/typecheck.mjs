#!/usr/bin/env node
// `npm run typecheck`: `tsc -b` over the solution tsconfig.json, whose references are one project per
// platform (src/core without DOM or node, src/webview without node or vscode, ...). Each project is
// checked once with its own lib and types; the projects that import it read its declarations
// instead of checking its sources again. The build info and the declarations live in .tsbuild/tsc/
// (gitignored), so a second run re-checks only the projects whose files changed.
//
// The compiler is TypeScript 7, the native one (the `typescript-7` alias in package.json): it checks the
// whole solution in about a sixth of the CPU TypeScript 5.9 took (5 s against 30 s, cold). The
// `typescript` package stays at 5.9 for what needs its JavaScript API, which TypeScript 7 no longer has:
// typescript-eslint's parser and the tests that read sources with the compiler API.
//
// `tsc -b` decides a project is up to date from its own files' times and its tsconfig chain, not from
// node_modules: a dependency that changed its types would not be re-checked. So the installed tree's
// fingerprint is kept beside the build info, and a different one (an `npm ci`, an upgrade) starts
// from nothing. Exit 1 when any project has an error.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript-7', 'bin', 'tsc');
const buildDir = path.join(root, '.tsbuild', 'tsc');
const stampFile = path.join(buildDir, 'dependencies.sha256');

/** npm rewrites node_modules/.package-lock.json whenever it changes the installed tree. */
function dependenciesFingerprint() {
  const hash = createHash('sha256');
  for (const file of ['node_modules/.package-lock.json', 'package-lock.json']) {
    const full = path.join(root, file);
    hash.update(`${file}\0${fs.existsSync(full) ? fs.readFileSync(full) : ''}\0`);
  }
  return hash.digest('hex');
}

const fingerprint = dependenciesFingerprint();
const previous = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : undefined;
if (previous !== fingerprint) {
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  fs.writeFileSync(stampFile, fingerprint);
}

const started = Date.now();
const run = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.json', '--pretty', String(process.stdout.isTTY === true)], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status === 0) {
  console.log(`typecheck: every project of tsconfig.json is clean (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = run.status ?? 1;
