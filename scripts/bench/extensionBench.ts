// The lean-extension figures: the shipped bundles' sizes (minified, and gzipped as a download
// would be) and activate()'s duration measured in the real extension host (code-server), read
// from the in-host activation test. Reported, never asserted: the in-host test holds the budget.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { isCodeServerInstalled } from '../code-server/paths';

const repoRoot = path.resolve(__dirname, '..', '..');
const BUNDLES = [
  'dist/extension.js',
  'dist/scanWorker.js',
  'dist/webview/sidebar.js',
  'dist/webview/upgrades.js',
  'dist/webview/matrix.js',
  'dist/cli.js',
];

export function runExtensionBench(): void {
  console.log('extension: shipped bundles and activation');
  run(process.execPath, ['scripts/build.mjs', '--tests']);
  for (const bundle of BUNDLES) {
    const file = path.join(repoRoot, bundle);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    console.log(`  ${bundle.padEnd(26)} ${kb(bytes.length).padStart(9)} minified, ${kb(gzipSync(bytes).length).padStart(9)} gzipped`);
  }
  const activationMs = measureActivation();
  if (activationMs === undefined) return;
  console.log(
    `  activate() in code-server's extension host: ${activationMs.toFixed(1)} ms (one cold start; the in-host test's budget is 250 ms)`,
  );
}

/** Runs the in-host activation test alone (default session, one test) and reads the figure it writes. */
function measureActivation(): number | undefined {
  if (!isCodeServerInstalled()) {
    console.log('  activate(): not measured — code-server is not installed (npx tsx scripts/code-server/install.ts)');
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-guide-bench-activation-'));
  const reportFile = path.join(dir, 'activation.json');
  try {
    run(process.execPath, ['--import', 'tsx', 'test/integration/runners/codeServer.ts'], {
      STAGE_GUIDE_TEST_SESSIONS: 'default',
      STAGE_GUIDE_TEST_GREP: '^activation activates by itself',
      STAGE_GUIDE_ACTIVATION_REPORT: reportFile,
    });
    return (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { activationMs: number }).activationMs;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  if (result.status !== 0)
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
