import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAlias, visit } from 'yaml';
import type { Alias, Document } from 'yaml';
import { anchoredNode } from '../../../../src/core/rules/yaml/aliasTargets';
import { parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

function aliasesOf(document: Document): Alias[] {
  const aliases: Alias[] = [];
  visit(document, {
    Alias(_, alias) {
      aliases.push(alias);
    },
  });
  return aliases;
}

/** yaml's own answer (which walks the whole document for each alias), or undefined where it throws. */
function yamlResolves(document: Document, alias: Alias): unknown {
  try {
    return alias.resolve(document);
  } catch {
    return undefined;
  }
}

describe('yaml: an alias followed to its anchored node in one walk of the document', () => {
  it('names the last node anchored with its name before it, as yaml does', () => {
    const [document] = parseYamlFile(
      [
        'x-base: &base {restart: always}',
        'first: *base',
        'x-other: &base {restart: "no"}',
        'second: *base',
        'early: *later',
        'x-later: &later 1',
        'nested: &outer {inner: *outer}',
        'dangling: *nowhere',
      ].join('\n'),
    ).documents;
    const [first, second, early, inner, dangling] = aliasesOf(document);
    assert.deepEqual((anchoredNode(document, first) as { toJSON(): unknown }).toJSON(), { restart: 'always' });
    assert.deepEqual((anchoredNode(document, second) as { toJSON(): unknown }).toJSON(), { restart: 'no' });
    assert.equal(anchoredNode(document, early), undefined);
    assert.equal(anchoredNode(document, inner), document.get('nested', true));
    assert.equal(anchoredNode(document, dangling), undefined);
  });

  it('gives yaml’s answer for every alias of generated documents', () => {
    const NAME = fc.constantFrom('a', 'b', 'c');
    const VALUE: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', 'text'),
        NAME.map((name) => `*${name}`),
        fc.tuple(NAME, tie('value')).map(([name, value]) => `&${name} ${value.startsWith('&') ? '[1]' : value}`),
        fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc
          .array(fc.tuple(NAME, tie('value')), { maxLength: 3 })
          .map((pairs) => `{${pairs.map(([key, value]) => `${key}: ${value}`).join(', ')}}`),
      ),
    })).value;
    let aliases = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(NAME, VALUE), { minLength: 1, maxLength: 6 }), (entries) => {
        const text = entries.map(([key, value], index) => `${key}${index}: ${value}`).join('\n');
        for (const document of parseYamlFile(text).documents) {
          for (const alias of aliasesOf(document)) {
            assert.ok(isAlias(alias));
            aliases++;
            assert.equal(anchoredNode(document, alias), yamlResolves(document, alias), text);
          }
        }
      }),
      { numRuns: 1500, seed: 20261207 },
    );
    assert.ok(aliases > 500, `${aliases} aliases compared`);
  });
});
