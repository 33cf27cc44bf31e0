import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { builtinMatrix } from '../../../src/core/matrix/builtinMatrix';
import { STAGE_FILE_KEYS } from '../../../src/core/stageFile/parseStageFile';
import { RULE_LEVELS } from '../../../src/core/stageFile/types';
import { REPO_ROOT } from './seedTable';

/**
 * data/stage.schema.json is what editors with a YAML language server use to
 * complete and validate `.stage.yml`: it must agree with the parser.
 */
describe('foundation: the .stage.yml JSON Schema', () => {
  const schema = JSON.parse(readFileSync(resolve(REPO_ROOT, 'data/stage.schema.json'), 'utf8'));
  // `enumDescriptions` is a VS Code extension keyword, not JSON Schema: allow it.
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addKeyword('enumDescriptions');
  const validate = ajv.compile(schema);
  const valid = (text: string) => validate(parse(text)) === true;

  it('is referenced by contributes.yamlValidation for .stage.yml', () => {
    const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8'));
    const entries: Array<{ fileMatch: string | string[]; url: string }> = manifest.contributes?.yamlValidation ?? [];
    assert.ok(entries.some((entry) => [entry.fileMatch].flat().includes('.stage.yml') && entry.url === './data/stage.schema.json'));
  });

  it('names exactly the keys the parser reads, and requires stage', () => {
    assert.deepEqual(Object.keys(schema.properties), [...STAGE_FILE_KEYS]);
    assert.deepEqual(schema.required, ['stage']);
    assert.equal(schema.additionalProperties, false);
  });

  it('accepts every spelling the parser accepts, in any case', () => {
    for (const stage of builtinMatrix().stages) {
      for (const written of [stage.id, stage.name, ...stage.aliases]) {
        for (const variant of [written, written.toUpperCase(), written.toLowerCase()]) {
          assert.ok(valid(`stage: ${JSON.stringify(variant)}`), variant);
        }
      }
    }
  });

  it('rejects what the parser rejects: typos, unknown keys, bad levels, empty globs, lists for scalars', () => {
    for (const text of [
      'stage: prodution',
      'name: x',
      'stage: mvp\nstagee: x',
      'stage: mvp\nrules:\n  ci.run-tests: loud',
      'stage: mvp\nignore: [""]',
      'stage: [mvp]',
      'stage: mvp\nwaivers:\n  - rule: x\n    reason: r\n    why: y',
    ]) {
      assert.ok(!valid(text), text);
    }
  });

  it('accepts the rich valid fixture and the rule levels the parser knows', () => {
    assert.ok(valid(readFileSync(resolve(REPO_ROOT, 'test/fixtures/stage-files/rich.stage.yml'), 'utf8')), JSON.stringify(validate.errors));
    for (const level of RULE_LEVELS) assert.ok(valid(`stage: mvp\nrules:\n  ci.run-tests: ${level}`), level);
  });
});
