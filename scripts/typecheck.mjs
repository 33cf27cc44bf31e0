#!/usr/bin/env node
// `npm run typecheck`: type-checks every project the root tsconfig.json references, each with its
// own lib and types (src/core without DOM or node, src/webview without node or vscode, ...), two at
// a time. Incremental: the build info lives in .tsbuild/ (gitignored), so a second run re-checks
// only what changed. Exit 1 when any project has an error.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// The solution file is JSON with comments; its references are the only thing read here.
const solution = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
const projects = JSON.parse(solution).references.map((reference) => reference.path);

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty', String(process.stdout.isTTY === true)], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code, output }));
  });
}

async function main() {
  const queue = [...projects];
  const results = [];
  const worker = async () => {
    for (let project = queue.shift(); project !== undefined; project = queue.shift()) {
      const result = await check(project);
      console.log(`${result.code === 0 ? 'ok    ' : 'FAILED'} ${project}`);
      results.push(result);
    }
  };
  await Promise.all([worker(), worker()]);
  const failed = results.filter((result) => result.code !== 0);
  for (const { project, output } of failed) process.stderr.write(`\n${project}:\n${output}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main();
