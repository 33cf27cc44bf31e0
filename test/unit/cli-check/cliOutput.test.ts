import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import type { Terminal } from '../../../src/cli/terminal';
import { escapeControl, terminalWidth } from '../../../src/cli/terminal';
import { relativeUri } from '../../../src/cli/checkFormats/paths';
import { assertValidSarif, check, workspace } from './support';

/** CLI output that must hold for any repository: real versions, valid URIs, escaped file text, usage errors. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliIn(process.cwd(), false, ...argv);
}

async function cliIn(cwd: string, color: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = { out: (line = '') => out.push(line), err: (line = '') => err.push(line), color, width: 80, isTTY: color };
  const code = await runCli(argv, { term, cwd, today: '2025-01-01' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string })
  .version;

describe('cli: output safety and identity', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('--version and SARIF driver.version say the package version, not "dev"', async () => {
    assert.notEqual(PACKAGE_VERSION, 'dev');
    assert.deepEqual(await cli('--version'), { code: 0, out: PACKAGE_VERSION, err: '' });
    const root = workspace({ '.stage.yml': 'stage: mvp\n', Dockerfile: 'FROM node:20\nADD a ./a\n' });
    roots.push(root);
    const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as {
      runs: Array<{ tool: { driver: { version: string } } }>;
    };
    assert.equal(sarif.runs[0].tool.driver.version, PACKAGE_VERSION);
  });

  it('help for an unknown command exits 2 with a message; help for a known one exits 0', async () => {
    const bogus = await cli('help', 'bogus');
    assert.equal(bogus.code, 2);
    assert.match(bogus.err, /no command "bogus"\. Commands: show, /);
    assert.equal((await cli('help', 'check')).code, 0);
    assert.equal((await cli('help', 'bo\u001b[2Jgus')).err.includes('\u001b'), false, 'the name is escaped');
  });

  it('SARIF artifact URIs are percent-encoded relative references (#, %, spaces, non-ASCII)', async () => {
    const dir = 'odd #1 100% café';
    const root = workspace({ '.stage.yml': 'stage: mvp\n', [`${dir}/Dockerfile`]: 'FROM node:20\nADD a ./a\n' });
    roots.push(root);
    const sarif = assertValidSarif((await check(root, '--format', 'sarif')).out) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }>;
        }>;
      }>;
    };
    const add = sarif.runs[0].results.find((result) => result.ruleId === 'docker/add-instead-of-copy')!;
    const location = add.locations[0].physicalLocation.artifactLocation;
    assert.equal(location.uri, 'odd%20%231%20100%25%20caf%C3%A9/Dockerfile');
    assert.equal(location.uriBaseId, '%SRCROOT%');
    assert.equal(decodeURIComponent(location.uri), `${dir}/Dockerfile`);
    assert.equal(
      new URL(location.uri, 'file:///repo/').pathname,
      '/repo/odd%20%231%20100%25%20caf%C3%A9/Dockerfile',
      'resolves as one path, no fragment',
    );
    assert.equal(relativeUri('a (1)/b!.yml'), 'a%20%281%29/b%21.yml', 'nothing that could end a Markdown link');
  });

  it('colour (on a terminal) paints severities and ids without changing the layout', async () => {
    const root = workspace({ '.stage.yml': 'stage: mvp\n', Dockerfile: 'FROM node:20\nADD src ./src\nCMD node server.js\n' });
    roots.push(root);
    const plain = await cliIn(root, false, 'check', '--next');
    const coloured = await cliIn(root, true, 'check', '--next');
    assert.match(coloured.out, /\u001b\[33mwarning\u001b\[39m/);
    assert.doesNotMatch(plain.out, /\u001b/);
    assert.equal(coloured.out.replace(/\u001b\[\d+m/g, ''), plain.out);
  });

  it('escapeControl makes control characters, DEL, C1 and bidi overrides visible', () => {
    assert.equal(escapeControl('a\nb\r\tc\u001b[31md\u007f\u009b\u202eé'), 'a\\nb\\r\\tc\\x1b[31md\\x7f\\x9b\\u202eé');
    assert.equal(escapeControl('plain `text` — fine'), 'plain `text` — fine');
  });

  it('the layout width: COLUMNS first, then the terminal, else 80; between 40 and 100', () => {
    assert.equal(terminalWidth(undefined, undefined), 80);
    assert.equal(terminalWidth(undefined, '120'), 100);
    assert.equal(terminalWidth(200, '90'), 90);
    assert.equal(terminalWidth(72, undefined), 72);
    assert.equal(terminalWidth(72, 'wide'), 72);
    assert.equal(terminalWidth(10, undefined), 40);
  });
});
