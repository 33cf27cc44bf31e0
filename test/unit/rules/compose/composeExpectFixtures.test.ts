import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCompose } from '../../../../src/core/rules/compose/analyzeCompose';
import { FIXTURES } from './fixChecks';

/**
 * Compose fixtures that carry their own expectations, like the Dockerfile ones:
 * `test/fixtures/rules/compose/<rule>/bad-*.yml` must report `compose/<rule>`
 * exactly on the lines that end with a `# expect` comment (where the finding
 * starts), and `good-*.yml` must not report it at all.
 */
const ROOT = join(FIXTURES, 'compose');
const EXPECT = /#\s*expect\s*$/;

describe('compose rules: fixtures with "# expect" markers', () => {
  const folders = readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it('finds the fixture folders', () => assert.ok(folders.length >= 1));

  for (const folder of folders) {
    const ruleId = `compose/${folder.name}`;
    const files = readdirSync(join(ROOT, folder.name)).filter((name) => /^(?:bad|good)-.*\.ya?ml$/.test(name));
    it(`${ruleId} has a bad and a good fixture`, () => {
      assert.ok(files.some((name) => name.startsWith('bad-')));
      assert.ok(files.some((name) => name.startsWith('good-')));
    });
    for (const name of files) {
      const text = readFileSync(join(ROOT, folder.name, name), 'utf8');
      const analysis = analyzeCompose(text, { rethrow: true });
      const found = analysis.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map((finding) => finding.range.start.line + 1)
        .sort((a, b) => a - b);
      const expected = text
        .split('\n')
        .flatMap((line, index) => (EXPECT.test(line) ? [index + 1] : []))
        .sort((a, b) => a - b);
      it(`${folder.name}/${name}: ${name.startsWith('bad-') ? 'reports it on each "# expect" line' : 'does not report it'}`, () => {
        if (name.startsWith('bad-')) assert.ok(expected.length > 0, 'a bad fixture marks at least one line');
        else assert.deepEqual(expected, [], 'a good fixture marks no line');
        assert.deepEqual(found, expected);
        assert.deepEqual(analysis.parseProblems, []);
      });
    }
  }
});
