#!/usr/bin/env node
// `node scripts/checks.mjs --nice=typecheck,lint,format:check typecheck lint format:check build,test:unit`
// (`npm test`): runs those package.json scripts at the same time instead of one after the other, and
// exits 1 when any of them fails (after all have ended, so one run reports every failing check). A comma
// chains scripts: `build,test:unit` starts the unit suite when the build has passed (some tests run
// dist/cli.js), and marks it failed, not run, when the build fails. `--nice=` names scripts to run at a
// lower CPU priority (nice 10).
//
// Why at once: with two cores, one after the other left a core idle — the type-check's project chain is
// serial (tsc -b), lint and format check are single-threaded, and the unit suite's two workers wait for
// mocha to load and finish unevenly. Together they fill both cores until the last one ends. The checks
// read the tree and write only their own output (.tsbuild/, dist/), and no unit test reads .tsbuild/, so
// none waits for another except the unit suite for the build. The checks run niced so that the unit
// suite, whose deadline tests (hostile inputs, linear-time detectors) time real work, gets the cores
// first, about as if it ran alone; the checks take what it leaves idle and whatever is left after it.
//
// Each script's output is printed whole when it ends, so two scripts' lines never interleave.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const args = process.argv.slice(2);
const niceFlag = '--nice=';
const niced = new Set(args.filter((arg) => arg.startsWith(niceFlag)).flatMap((arg) => arg.slice(niceFlag.length).split(',')));
const chains = args.filter((arg) => !arg.startsWith(niceFlag)).map((arg) => arg.split(','));
for (const name of [...chains.flat(), ...niced]) {
  if (typeof scripts[name] !== 'string') {
    console.error(`checks: package.json has no script "${name}"`);
    process.exit(2);
  }
}
console.log(
  `checks: running ${chains.map((chain) => chain.join(' then ')).join(', ')}${niced.size > 0 ? ` (niced: ${[...niced].join(', ')})` : ''}; each one's output when it ends`,
);

/** Runs one package.json script as npm would (its command in a shell, node_modules/.bin on PATH). */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
    // The output goes through a pipe; keep the colours a terminal would have shown (mocha's reporter).
    if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
    // nice(1) lowers the priority before the script starts, so every process it starts inherits it
    // (os.setPriority on the shell, after spawn, loses the race with the shell's first fork). Where there
    // is no nice(1) (Windows), the script runs at normal priority.
    const lowered = niced.has(name) && process.platform !== 'win32';
    const options = { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] };
    const child = lowered
      ? spawn('nice', ['-n', '10', 'sh', '-c', scripts[name]], options)
      : spawn(scripts[name], { ...options, shell: true });
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

/** Runs a chain's scripts in order and returns the names that failed: after a failure, the rest are not run and count as failed. */
async function runChain(chain) {
  for (const [index, name] of chain.entries()) {
    if (await run(name)) continue;
    const skipped = chain.slice(index + 1);
    if (skipped.length > 0) process.stdout.write(`\nFAILED ${skipped.join(', ')} (not run: ${name} failed)\n`);
    return [name, ...skipped];
  }
  return [];
}

const failed = (await Promise.all(chains.map(runChain))).flat();
if (failed.length > 0) console.log(`\nchecks: FAILED ${failed.join(', ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;
