import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sniffTopLevelKeys } from '../../../src/core/evidence/parsers/yamlTopLevelKeys';
import { yamlDocuments } from '../../../src/core/evidence/parsers/yamlTree';
import { queryPath } from '../../../src/core/evidence/parsers/locatedTree';
import type { TreeValue } from '../../../src/core/evidence/parsers/locatedTree';

/**
 * Every key a matcher's first path step can reach in the text's documents (lists at the top fan out, as
 * queryPath does); undefined when yaml reports an error (its recovery may make a key of a mis-indented line).
 */
function parsedTopLevelKeys(text: string): Set<string> | undefined {
  const keys = new Set<string>();
  const collect = (value: TreeValue) => {
    if (value.kind === 'list') value.items.forEach(collect);
    if (value.kind === 'map') for (const entry of value.entries) keys.add(entry.key);
  };
  const documents = yamlDocuments(text);
  if (documents.some((document) => document.hasErrors)) return undefined;
  for (const document of documents) if (document.root) collect(document.root);
  return keys;
}

function sniffed(text: string): string[] | undefined {
  const keys = sniffTopLevelKeys(text);
  return keys && [...keys].sort();
}

/** Lines of YAML and near-YAML, plain and tricky, that a generated text is built from. */
const LINE = fc.oneof(
  fc.constantFrom(
    'name: web',
    'apiVersion: v1',
    'services:',
    'jobs:',
    'version: "3"',
    'groups:',
    'on: [push]',
    'true: yes',
    'Null: 1',
    '"quoted": 1',
    "'single': 2",
    '? complex',
    ': value',
    '<<: *base',
    '&anchor key: 1',
    '!!str tagged: 1',
    '- item',
    '-',
    '- key: value',
    '{a: 1, b: 2}',
    '[1, 2]',
    '---',
    '--- # doc',
    '--- {x: 1}',
    '--- text',
    '...',
    '%YAML 1.2',
    '# comment',
    '',
    'url: http://example.com',
    'http://example.com',
    'key:value',
    'key : spaced',
    'multi: "open',
    'close": here',
    'block: |',
    'folded: >-',
    'a.b/c-d: 1',
    '\tkey: tab',
    'plain scalar line',
    'k: v # comment',
    'x: {y: 1,',
    'z: 2}',
    '- op: replace',
    '  path: /spec/replicas',
    '- - nested: 1',
    '- {op: add}',
    '- "op": add',
    '- <<: *patch',
    '- &patch',
    '- *patch',
    '- [a: 1]',
    '- [{a}]',
    '- ? a',
    '- http://example.com:8080',
    '- text # key: in a comment',
  ),
  fc.constantFrom('key', 'spec', 'metadata', 'image', 'items', 'slos').map((key) => `${key}:`),
);

const INDENTED_LINE = fc.tuple(fc.integer({ min: 0, max: 4 }), LINE).map(([indent, line]) => ' '.repeat(indent) + line);

describe('evidence: sniffing the top-level keys of a YAML file', () => {
  it('reads the keys of plain block maps, across documents', () => {
    assert.deepEqual(sniffed('# settings\nserver:\n  port: 8080\nlog:\n  level: info\n'), ['log', 'server']);
    assert.deepEqual(sniffed('a: 1\n---\nb:\n- x\n- y\n...\nc: 3\n'), ['a', 'b', 'c']);
    assert.deepEqual(sniffed('key: |\n  text\n\n  more: text\nnext: 1\r\n'), ['key', 'next']);
    assert.deepEqual(sniffed(''), []);
  });

  it('reads the keys of the maps in a list at the top (a kustomize JSON6902 patch), at any depth', () => {
    const patch =
      '# replicas for prod\n- op: replace\n  path: /spec/replicas\n  value: 3\n- op: add\n  path: /metadata/labels/tier\n  value:\n    name: web\n';
    assert.deepEqual(sniffed(patch), ['name', 'op', 'path', 'value']);
    assert.deepEqual(sniffed('- a\n- b\n'), []);
    assert.deepEqual(sniffed('-\n  groups:\n  - - x: 1\n---\nkind: Patch\n'), ['groups', 'kind', 'x']);
    assert.deepEqual(sniffed('- url: http://example.com/a:b\n- /spec/template/spec/containers/0/env/-\n'), ['url']);
  });

  it('gives up on a list at the top when a line may start a key another way', () => {
    for (const text of [
      '- {op: add, path: /x}\n',
      '- "op": add\n',
      "- 'op': add\n",
      '- <<: *patch\n',
      '- ? op\n',
      '- &patch\n  op: add\n',
      '- *patch\n',
      '- [{op}]\n',
      '- [op: add]\n',
      '- !!map\n  op: add\n',
      '- op: add\npath: /x\n',
      '- text # then key: value\n',
      '- 8080: port\n',
      '- true: 1\n',
      '- value: |\n    {"a": 1}\n',
    ])
      assert.equal(sniffTopLevelKeys(text), undefined, JSON.stringify(text));
  });

  it('gives up (undefined) on anything a parse must decide', () => {
    for (const text of [
      '{a: 1}\n',
      '"a": 1\n',
      '? a\n: 1\n',
      '<<: *x\n',
      '  indented: root\n',
      '--- {a: 1}\n',
      '%YAML 1.2\n---\na: 1\n',
      'true: 1\n',
      '\ta: 1\n',
      'a: [1,\n2]\n',
      'text without a key\n',
    ])
      assert.equal(sniffTopLevelKeys(text), undefined, JSON.stringify(text));
  });

  it('never misses a top-level key that yaml reads (generated texts)', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(INDENTED_LINE, { maxLength: 14 }), (lines) => {
        const text = lines.join('\n');
        const keys = sniffTopLevelKeys(text);
        const parsed = parsedTopLevelKeys(text);
        if (!keys || !parsed) return;
        checked++;
        for (const key of parsed) assert.ok(keys.has(key), `${JSON.stringify(key)} missed in ${JSON.stringify(text)}`);
      }),
      { numRuns: 4000 },
    );
    // The generator must reach the interesting case often: texts yaml reads cleanly that the sniff answers.
    assert.ok(checked > 400, `only ${checked} texts checked`);
  });

  it('gives up on the usual ways a broken file hides a key (yaml makes one of a mis-indented line)', () => {
    for (const text of [
      'on: [push]\n key: 1\n',
      'a:\n  b: 1\n c: 2\n',
      'a: 1\n- x: 1\n',
      'a: |\n  x\n b: 1\n',
      'key:\n  - a: 1\n  name: web\n',
    ])
      assert.equal(sniffTopLevelKeys(text), undefined, JSON.stringify(text));
  });

  it('agrees with the first step of a matcher path on the keys it finds', () => {
    const text = 'version: prometheus/v1\nslos:\n  - objective: 99.9\n';
    const keys = sniffTopLevelKeys(text)!;
    for (const document of yamlDocuments(text)) for (const key of keys) assert.ok(queryPath(document.root, [key]).length > 0, key);
  });
});
