import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGE_FILE_PROBLEMS } from '../../../src/core/stageFile/problemCodes';

/** docs/configuration.md is the reference users look codes up in: every code the parser can report is there, and nothing else. */
describe('docs/configuration.md', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \| (.+) \|$/gm)].map((match) => ({
    code: match[1],
    severity: match[2],
    meaning: match[3],
  }));

  it('lists every .stage.yml problem code with its severity and summary, once', () => {
    for (const [code, { severity, summary }] of Object.entries(STAGE_FILE_PROBLEMS)) {
      const found = rows.filter((row) => row.code === code);
      assert.equal(found.length, 1, `${code} appears ${found.length} times`);
      assert.equal(found[0].severity, severity, code);
      assert.equal(found[0].meaning, summary, code);
    }
  });

  it('lists no code the parser does not have', () => {
    const known = new Set(Object.keys(STAGE_FILE_PROBLEMS));
    assert.deepEqual(
      rows.map((row) => row.code).filter((code) => !known.has(code)),
      [],
    );
  });
});
