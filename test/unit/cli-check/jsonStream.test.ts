import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { assessWorkspace } from '../../../src/core/evidence/index';
import type { WorkspaceAssessment } from '../../../src/core/evidence/index';
import { checkJson } from '../../../src/cli/checkFormats/json';
import { renderGitlab } from '../../../src/cli/checkFormats/gitlab';
import { failsOn, summarize } from '../../../src/cli/checkFormats/reported';
import type { FileContents } from '../../../src/cli/fileContents';
import { readReportedFiles } from '../../../src/cli/fileContents';
import { LazyList, lazyMap, writeJson } from '../../../src/cli/jsonStream';
import { nodeFileSystem, toCorePath } from '../../../src/cli/nodeFileSystem';
import { ruleCatalogIds } from '../../../src/cli/ruleIds';
import { toSarif } from '../../../src/cli/sarif';
import type { Terminal } from '../../../src/cli/terminal';
import { check } from './support';

const REPO = join(__dirname, '..', '..', '..');

/** What writeJson printed, byte for byte (term.out ends each call with a line break), and each call's text. */
function written(value: unknown): { text: string; calls: string[] } {
  const calls: string[] = [];
  const term: Terminal = { out: (line = '') => calls.push(line), err: () => undefined, color: false, width: 80, isTTY: false };
  writeJson(term, value);
  return { text: calls.map((call) => `${call}\n`).join(''), calls };
}

/** The text `term.out(JSON.stringify(value, null, 2))` printed before reports were streamed. */
function stringified(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

describe('check: JSON reports are written as they are made', () => {
  it('writes exactly what JSON.stringify(value, null, 2) wrote, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => assert.equal(written(value).text, stringified(value))),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON leaves out and calls toJSON, like JSON.stringify', () => {
    const value = {
      kept: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 2, null, { nested: undefined }],
      empty: { a: undefined },
      emptyList: [],
      date: new Date(0),
      custom: { toJSON: (key: string) => ({ key }) },
      hidden: { toJSON: () => undefined },
      text: 'quote " backslash \\ newline \n tab \t unicode é \u2028',
      numbers: [0, -0, 1.5e300, NaN, Infinity],
    };
    assert.equal(written(value).text, stringified(value));
  });

  it('writes a large report in batches of whole lines, not one string', () => {
    const value = { items: Array.from({ length: 20_000 }, (_, index) => ({ index, message: `finding ${index}`, tags: ['a', 'b'] })) };
    const { text, calls } = written(value);
    assert.equal(text, stringified(value));
    assert.ok(calls.length > 20, `${calls.length} writes`);
    for (const call of calls) assert.ok(call.length < 70 * 1024, `a write of ${call.length} characters`);
  });

  it('writes a lazy list like the array it stands for, making its items only as it writes them', () => {
    let made = 0;
    const madeWhenWritten: number[] = [];
    const items = Array.from({ length: 3000 }, (_, index) => index);
    const lazy = {
      services: lazyMap(items, (index) => {
        made++;
        return { index, padding: 'x'.repeat(100) };
      }),
      none: new LazyList(() => []),
    };
    const term: Terminal = {
      out: () => madeWhenWritten.push(made),
      err: () => undefined,
      color: false,
      width: 80,
      isTTY: false,
    };
    writeJson(term, lazy);
    // Each batch went out while items were still to be made.
    assert.ok(madeWhenWritten.length > 3 && madeWhenWritten[0] < items.length / 2, madeWhenWritten.join(','));
    const eager = { services: items.map((index) => ({ index, padding: 'x'.repeat(100) })), none: [] };
    assert.equal(written(lazy).text, stringified(eager));
  });

  for (const fixture of [join('examples', 'k8s-system-production'), join('test', 'fixtures', 'evidence', 'monorepo')]) {
    describe(`stage-guide check on ${fixture}`, () => {
      const dir = join(REPO, fixture);
      let assessment: WorkspaceAssessment;
      before(async () => {
        assessment = await assessWorkspace(toCorePath(dir), {
          fs: nodeFileSystem,
          workspaceRoot: toCorePath(dir),
          today: '2025-01-01',
          knownRuleIds: ruleCatalogIds(),
        });
      });

      it('--format json prints the bytes JSON.stringify of the whole report printed', async () => {
        const run = await check(dir, '--format', 'json', '--root', dir);
        const summary = summarize(assessment);
        const expected = checkJson(toCorePath(dir), assessment, summary, 'warning', failsOn(summary, 'warning'));
        assert.ok(assessment.services.some((service) => service.findings.length > 0));
        assert.equal(`${run.out}\n`, stringified(expected));
      });

      it('--format sarif prints the bytes JSON.stringify of the whole log printed', async () => {
        const run = await check(dir, '--format', 'sarif', '--root', dir);
        assert.equal(`${run.out}\n`, stringified(toSarif(assessment)));
      });

      it('--format gitlab fingerprints the lines it did when it kept every reported file whole', async () => {
        const run = await check(dir, '--format', 'gitlab', '--root', dir);
        assert.equal(`${run.out}\n`, stringified(renderGitlab(assessment, await wholeFiles(assessment))));
        assert.deepEqual(
          renderGitlab(assessment, await readReportedFiles(assessment)),
          renderGitlab(assessment, await wholeFiles(assessment)),
        );
      });
    });
  }
});

/** FileContents as it was: every reported file read whole and kept. */
async function wholeFiles(assessment: WorkspaceAssessment): Promise<FileContents> {
  const texts = new Map<string, string | undefined>();
  for (const service of assessment.services) {
    if (service.stageFile) texts.set(service.stageFile, await nodeFileSystem.readText(service.stageFile));
    for (const finding of service.findings) texts.set(finding.path, await nodeFileSystem.readText(finding.path));
  }
  return {
    idOf: (path) => {
      const text = texts.get(path);
      return text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
    },
    line: (path, line) => texts.get(path)?.split(/\r?\n|\r/)[line],
  };
}
