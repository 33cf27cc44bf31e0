import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRun, prepareHostileCli, removeHostileCli, runCapped } from './cappedCli';

/**
 * Issue 10, item 13: text from a repository (file names, quoted values) must
 * not reach a terminal or a CI log raw. A folder name with a newline could
 * forge a finding line; ESC and BEL sequences could clear the screen, retitle
 * the window or recolour what follows.
 */
const FORGED_DIR = 'evil\n  1:1  error  forged finding  fake-rule\n\u001b]0;pwned\u0007\u001b[2J';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;

describe('hostile: file text reaches the terminal escaped', function () {
  this.timeout(120_000);
  let repo: string;

  before(prepareHostileCli);
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'stage-guide-escapes-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, '.stage.yml'), 'name: "\\e[31mred team\\e[0m"\nstage: mvp\n');
    mkdirSync(join(repo, FORGED_DIR));
    writeFileSync(join(repo, FORGED_DIR, 'Dockerfile'), 'FROM node:20\nADD src ./src\n');
    mkdirSync(join(repo, 'svc'));
    writeFileSync(join(repo, 'svc', '.stage.yml'), 'stage: "mvp\\e[2J"\n');
  });
  after(() => {
    rmSync(repo, { recursive: true, force: true });
    removeHostileCli();
  });

  for (const args of [
    ['check'],
    ['check', '--format', 'markdown'],
    ['check', '--evidence', '--explain', '--next'],
    ['validate'],
    ['show'],
  ]) {
    it(`stage-guide ${args.join(' ')}`, () => {
      const run = runCapped(args, repo);
      assert.ok(!run.timedOut && run.status !== null && run.status <= 1, describeRun(run));
      assert.doesNotMatch(run.stdout, RAW, describeRun(run));
      assert.doesNotMatch(run.stderr, RAW, describeRun(run));
      assert.doesNotMatch(run.stdout, /^\s*1:1 {2}error {2}forged finding/m, 'no forged finding line');
      if (args[0] === 'check') assert.match(run.stdout, /evil\\+n/, 'the newline is shown as an escape');
    });
  }
});
