#!/usr/bin/env node
// `node scripts/checks.mjs typecheck lint format:check build`: runs those package.json scripts at
// the same time instead of one after the other, and exits 1 when any of them fails (after all have
// ended, so one run reports every failing check). They read the tree and write only their own
// output (.tsbuild/, dist/), so none waits for another; running them together fills the second core
// while the single-threaded lint and format check run (`npm test`: about a fifth of its time).
// Each script's output is printed whole when it ends, so two checks' lines never interleave.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const names = process.argv.slice(2);
for (const name of names) {
  if (typeof scripts[name] !== 'string') {
    console.error(`checks: package.json has no script "${name}"`);
    process.exit(2);
  }
}

/** Runs one package.json script as npm would (its command in a shell, node_modules/.bin on PATH). */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(scripts[name], { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      process.stdout.write(`\n${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s${signal ? `, ${signal}` : ''})\n`);
      process.stdout.write(output);
      resolve(ok);
    });
  });
}

const results = await Promise.all(names.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
