/**
 * Moves a rule written in the old layout (a detector file registered in a hand-kept index, CI
 * fixtures named `<slug>.positive.yml`) into the one-module-per-rule layout:
 *
 *   npx tsx scripts/migrate-rule.ts <detector file> [--id <rule id>] [--detect <function name>]
 *
 * - Dockerfile, compose, Kubernetes (`export const xDetector: KubernetesDetector = { ruleId: … }`):
 *   the object becomes `export const rule = defineRule('<kind>', { … })`.
 * - GitHub Actions, GitLab CI (`export function detectX(workflow: Workflow): RawFinding[]`): the
 *   function stays and `export const rule = defineRule('<kind>', { ruleId, detect: detectX })` is
 *   added; `--id` and `--detect` are needed only when the file does not say them unambiguously.
 * The module moves to src/core/rules/<kind>/rules/<slugInCamelCase>.ts (relative imports keep their
 * depth), the registry is regenerated, and the rule's old-style CI fixtures move to
 * test/fixtures/rules/<kind>/<slug>/ (`bad*.yml`, `good*.yml`) with `# expect` markers on the lines the
 * rule reports today; Dockerfile fixtures get `# expect: <id>` for their bare `# expect`. It prints what
 * is left to do by hand. It refuses a file holding several rules: split it first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import '../src/cli/sourceShippedData';
import { moduleNameOf, renderRuleRegistries } from './ruleRegistryFiles';
import { ID_PREFIX } from './ruleFixtures';

const ROOT = join(__dirname, '..');
const DETECTOR_TYPES: Readonly<Record<string, string>> = {
  dockerfile: 'DockerfileDetector',
  compose: 'ComposeDetector',
  kubernetes: 'KubernetesDetector',
};

function fail(message: string): never {
  process.stderr.write(`migrate-rule: ${message}\n`);
  process.exit(1);
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: ROOT, stdio: 'inherit' });
}

/** The module's new text and its rule id. */
function convert(kind: string, text: string): { text: string; ruleId: string } {
  const type = DETECTOR_TYPES[kind];
  if (type) {
    const objects = [...text.matchAll(new RegExp(`^export const \\w+: ${type} = \\{\\n`, 'gm'))];
    if (objects.length !== 1) fail(`expected one \`export const …: ${type} = {\`, found ${objects.length}: split the file first`);
    const start = objects[0].index;
    const end = text.indexOf('\n};\n', start);
    const id = /ruleId: '([^']+)'/.exec(text.slice(start, end));
    if (end === -1 || !id) fail('could not find the detector object and its ruleId');
    const body = text.slice(start + objects[0][0].length, end + 1);
    const converted = `${text.slice(0, start)}export const rule = defineRule('${kind}', {\n${body}});\n${text.slice(end + 4)}`;
    return {
      ruleId: id[1],
      text: converted.replace(
        new RegExp(`import type \\{ ${type} \\} from '\\.\\./detector';\\n`),
        "import { defineRule } from '../../engine/ruleModule';\n",
      ),
    };
  }
  const functions = [...text.matchAll(/^export function (detect\w*)\(/gm)].map((match) => match[1]);
  const detect = option('--detect') ?? (functions.length === 1 ? functions[0] : undefined);
  if (!detect) fail(`name the detection function with --detect (exported: ${functions.join(', ') || 'none'})`);
  const ids = [...new Set([...text.matchAll(new RegExp(`'(${ID_PREFIX[kind]}/[a-z0-9-]+)'`, 'g'))].map((match) => match[1]))];
  const ruleId = option('--id') ?? (ids.length === 1 ? ids[0] : undefined);
  if (!ruleId) fail(`name the rule with --id (ids in the file: ${ids.join(', ') || 'none'})`);
  const lastImport = [...text.matchAll(/^import .*;\n/gm)].pop();
  const at = lastImport ? lastImport.index + lastImport[0].length : 0;
  const withImport = `${text.slice(0, at)}import { defineRule } from '../../engine/ruleModule';\n${text.slice(at)}`;
  return {
    ruleId,
    text: `${withImport.trimEnd()}\n\nexport const rule = defineRule('${kind}', { ruleId: '${ruleId}', detect: ${detect} });\n`,
  };
}

/** Old flat CI fixtures → the rule's folder; returns the moved `bad*` files. */
function moveCiFixtures(kind: string, slug: string): string[] {
  const root = join(ROOT, 'test', 'fixtures', 'rules', kind);
  const bad: string[] = [];
  for (const name of existsSync(root) ? readdirSync(root).sort() : []) {
    const match = /^([a-z0-9-]+?)\.(?:([a-z0-9-]+)\.)?(positive|negative)(-\d+)?(\.fixed)?\.yml$/.exec(name);
    if (!match || match[1] !== slug) continue;
    const [, , extra, sign, number, fixed] = match;
    if (fixed) {
      // Rewritten by the tester (UPDATE_FIXTURES=1) with the markers in it; compare with `git show` before deleting.
      git('rm', '-q', join(root, name));
      continue;
    }
    const target = join(root, slug, `${sign === 'positive' ? 'bad' : 'good'}${number ?? ''}${extra ? `-${extra}` : ''}.yml`);
    mkdirSync(dirname(target), { recursive: true });
    git('mv', join(root, name), target);
    if (sign === 'positive') bad.push(target);
  }
  return bad;
}

/** Appends ` # expect: <id>` to each line the rule reports on today (the analyzer runs in a fresh process, on the new registry). */
function markFindings(kind: string, ruleId: string, files: readonly string[]): void {
  if (files.length === 0) return;
  const script = `
    require('./src/cli/sourceShippedData');
    const { readFileSync, writeFileSync } = require('node:fs');
    const { ANALYZERS } = require('./src/core/rules/engine/analyzerRegistry');
    const { NO_WORKSPACE_FACTS } = require('./src/core/rules/types');
    for (const file of ${JSON.stringify(files)}) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\\n');
      const found = ANALYZERS[${JSON.stringify(kind)}].analyze(text, NO_WORKSPACE_FACTS).findings.filter((f) => f.ruleId === ${JSON.stringify(ruleId)});
      const byLine = new Map();
      for (const f of found) byLine.set(f.range.start.line, [...(byLine.get(f.range.start.line) ?? []), f.ruleId]);
      for (const [line, ids] of byLine) lines[line] += ' # expect: ' + ids.join(', ');
      writeFileSync(file, lines.join('\\n'));
      console.log('marked ' + found.length + ' finding(s) in ' + file);
    }`;
  execFileSync('npx', ['tsx', '-e', script], { cwd: ROOT, stdio: 'inherit' });
}

async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source || !existsSync(source)) fail('usage: npx tsx scripts/migrate-rule.ts <detector file> [--id <rule id>] [--detect <function>]');
  const path = relative(ROOT, join(process.cwd(), source)).split('\\').join('/');
  const kind = /^src\/core\/rules\/([a-z-]+)\//.exec(path)?.[1];
  if (!kind || !ID_PREFIX[kind]) fail(`${path} is not under src/core/rules/<kind>/`);
  const { text, ruleId } = convert(kind, readFileSync(join(ROOT, path), 'utf8'));
  const target = `src/core/rules/${kind}/rules/${moduleNameOf(ruleId)}.ts`;
  if (target !== path) {
    if (existsSync(join(ROOT, target))) fail(`${target} exists already`);
    mkdirSync(dirname(join(ROOT, target)), { recursive: true });
    git('mv', path, target);
  }
  writeFileSync(join(ROOT, target), text);
  for (const [file, registry] of renderRuleRegistries(ROOT)) writeFileSync(join(ROOT, file), registry);
  execFileSync('npx', ['biome', 'format', '--write', target, `src/core/rules/${kind}/rules/index.ts`], { cwd: ROOT, stdio: 'ignore' });
  process.stdout.write(`${ruleId}: ${path} → ${target}; registry regenerated.\n`);

  const slug = ruleId.slice(ruleId.indexOf('/') + 1);
  if (kind === 'github-actions' || kind === 'gitlab-ci') markFindings(kind, ruleId, moveCiFixtures(kind, slug));
  if (kind === 'dockerfile') {
    const folder = join(ROOT, 'test', 'fixtures', 'rules', 'dockerfile', slug);
    for (const name of existsSync(folder) ? readdirSync(folder) : []) {
      const file = join(folder, name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s*)# expect\s*$/gm, `$1# expect: ${ruleId}`));
    }
  }
  process.stdout.write(
    [
      'Left to do by hand:',
      `- drop the rule's line from the old index (and the index file itself once empty); import anything the module exported from ${target}`,
      `- check that data/rules/${kind}.yml has the entry (its order there is the order the rules run in)`,
      '- read the markers the script added: they say what the rule reports today, which must be what it should report;',
      '  a marker the YAML cannot hold at the end of its line (inside a block scalar, after a `\\` continuation) goes at the end',
      '  of another line of the same finding, or on a comment line above it',
      kind === 'compose' || kind === 'kubernetes'
        ? `- fixtures: add test/fixtures/rules/${kind}/${slug}/bad-*.yml and good-*.yml with # expect markers (or mark the rule in a shared '# checks: all' fixture)`
        : '- point the kind tests that named the old fixture files at the new ones',
      '- UPDATE_FIXTURES=1 npx mocha --require tsx/cjs --require ./src/cli/sourceShippedData.ts test/unit/rules/ruleFixtures.test.ts, review the .fixed files',
      '- npm run rule-docs (pages and the recall table: put the rule in data/peer-checks.yml where it covers a listed check)',
    ].join('\n') + '\n',
  );
}

void main();
