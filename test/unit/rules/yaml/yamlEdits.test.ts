import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse } from 'yaml';
import { applyTextEdits, rangeOf } from '../../../../src/core/text';
import type { TextEdit } from '../../../../src/core/text';
import {
  anchoredEdits,
  appendDocument,
  eolOf,
  indentUnit,
  insertAtPath,
  insertEntries,
  removeEntry,
  replaceScalar,
  replaceValue,
  yamlScalar,
} from '../../../../src/core/rules/yaml/yamlEdits';
import { getPath, parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';
import type { YamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

/** Applies edits computed on `text`, checks the result parses cleanly, returns it. */
function edited(text: string, edit: (file: YamlFile) => TextEdit[]): string {
  const edits = edit(parseYamlFile(text));
  assert.ok(edits.length > 0, 'expected at least one edit');
  const result = applyTextEdits(text, edits);
  assert.deepEqual(parseYamlFile(result).parseProblems, [], `result does not parse:\n${result}`);
  return result;
}

function root(file: YamlFile): unknown {
  return file.documents[0]?.contents;
}

describe('yamlEdits', () => {
  describe('yamlScalar', () => {
    it('keeps safe strings plain and quotes the rest', () => {
      assert.equal(yamlScalar('read'), 'read');
      assert.equal(yamlScalar('1 week'), '1 week');
      assert.equal(yamlScalar('${{ github.workflow }}-${{ github.ref }}'), '${{ github.workflow }}-${{ github.ref }}');
      assert.equal(yamlScalar('true'), '"true"');
      assert.equal(yamlScalar('a: b'), '"a: b"');
      assert.equal(yamlScalar('#x'), '"#x"');
      assert.equal(yamlScalar(''), '""');
    });

    it('quotes what YAML 1.2 or 1.1 would read as a number, bool, null or date', () => {
      for (const value of [
        '1e3',
        '0x1F',
        '.inf',
        '.NaN',
        'Yes',
        'off',
        '~',
        'null',
        '1_000',
        '+1',
        '.5',
        '1.',
        '12:30',
        '2024-01-31',
        '0b101',
      ]) {
        assert.match(yamlScalar(value), /^["']/, value);
      }
      for (const value of ['1 week', 'v1.2.3', 'a:b', '${{ x }}', 'ubuntu-latest', 'x-1', '30m']) assert.equal(yamlScalar(value), value);
      for (const value of ['- a', 'a #b', 'a:', '@x', '`x', '? x', '!x', '&x', '*x', '|x', '>x', '%x', ' x', 'x ']) {
        assert.deepEqual(parse(`key: ${yamlScalar(value)}`), { key: value }, value);
      }
    });

    it('never produces a block scalar', () => {
      assert.equal(yamlScalar('two\nlines'), '"two\\nlines"');
    });

    it('round-trips any string as a value', () => {
      fc.assert(
        fc.property(fc.string(), (value) => {
          assert.deepEqual(parse(`key: ${yamlScalar(value)}\n`), { key: value });
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('eolOf and indentUnit', () => {
    it('detects CRLF files', () => {
      assert.equal(eolOf('a: 1\r\nb: 2\r\n'), '\r\n');
      assert.equal(eolOf('a: 1\nb: 2\n'), '\n');
      assert.equal(eolOf('a: 1'), '\n');
    });

    it('reads the indentation step of the first nested map, defaulting to 2', () => {
      assert.equal(indentUnit(parseYamlFile('a:\n    b: 1\n')), 4);
      assert.equal(indentUnit(parseYamlFile('list:\n  - x: 1\n    y:\n       z: 1\n')), 3);
      assert.equal(indentUnit(parseYamlFile('a: 1\n')), 2);
    });
  });

  describe('insertEntries', () => {
    it('appends after the last scalar entry of a block map, at its indentation', () => {
      const text = 'build:\n  runs-on: ubuntu-latest\n  needs: lint # first\n';
      const result = edited(text, (file) => insertEntries(file, getPath(root(file), ['build']), { 'timeout-minutes': '30' }));
      assert.equal(result, 'build:\n  runs-on: ubuntu-latest\n  needs: lint # first\n  timeout-minutes: 30\n');
    });

    it('does not append right after a nested block, where inserts into that block land', () => {
      const text = 'jobs:\n  build:\n    runs-on: ubuntu-latest # the runner\n    steps:\n      - run: make\n';
      const result = edited(text, (file) => insertEntries(file, getPath(root(file), ['jobs', 'build']), { 'timeout-minutes': '30' }));
      assert.equal(
        result,
        'jobs:\n  build:\n    runs-on: ubuntu-latest # the runner\n    timeout-minutes: 30\n    steps:\n      - run: make\n',
      );
    });

    it('goes to the top of a map that holds only nested blocks', () => {
      const text = 'job:\n  # the script\n  script:\n    - make\n  artifacts:\n    paths: [out]\n';
      const result = edited(text, (file) => insertEntries(file, getPath(root(file), ['job']), { interruptible: 'true' }));
      assert.equal(result, 'job:\n  interruptible: true\n  # the script\n  script:\n    - make\n  artifacts:\n    paths: [out]\n');
    });

    it('lets inserts into a map and into its last nested map apply together in any order', () => {
      const text = 'job:\n  stage: test\n  artifacts:\n    paths: [out]\n';
      const file = parseYamlFile(text);
      const outer = insertEntries(file, getPath(root(file), ['job']), { interruptible: 'true' });
      const inner = insertEntries(file, getPath(root(file), ['job', 'artifacts']), { expire_in: '1 week' });
      const expected = { job: { stage: 'test', interruptible: true, artifacts: { paths: ['out'], expire_in: '1 week' } } };
      assert.deepEqual(parse(applyTextEdits(text, [...outer, ...inner])), expected);
      assert.deepEqual(parse(applyTextEdits(text, [...inner, ...outer])), expected);
    });

    it("inserts after a named key, with nested maps indented by the file's unit", () => {
      const text = 'name: ci\non:\n    push:\njobs:\n    build:\n        runs-on: x\n';
      const result = edited(text, (file) => insertEntries(file, root(file), { permissions: { contents: 'read' } }, { after: ['on'] }));
      assert.equal(result, 'name: ci\non:\n    push:\npermissions:\n    contents: read\njobs:\n    build:\n        runs-on: x\n');
    });

    it('falls back along the `after` list, then to the end', () => {
      const text = 'name: ci\njobs: {}\n';
      const afterName = edited(text, (file) => insertEntries(file, root(file), { a: '1' }, { after: ['on', 'name'] }));
      assert.equal(afterName, 'name: ci\na: 1\njobs: {}\n');
      const atEnd = edited(text, (file) => insertEntries(file, root(file), { a: '1' }, { after: ['on'] }));
      assert.equal(atEnd, 'name: ci\njobs: {}\na: 1\n');
    });

    it('inserts before a key and above the comments that belong to it', () => {
      const text = 'a: 1\n# about b\n# stage-guide: ignore x/y\nb: 2\n';
      const result = edited(text, (file) => insertEntries(file, root(file), { c: '3' }, { before: 'b' }));
      assert.equal(result, 'a: 1\nc: 3\n# about b\n# stage-guide: ignore x/y\nb: 2\n');
    });

    it('inserts into a map that is a sequence item, aligned with its first key', () => {
      const text = 'steps:\n  - uses: actions/checkout@v4\n  - run: echo\n';
      const result = edited(text, (file) => {
        const step = (getPath(root(file), ['steps']) as unknown as { items: unknown[] }).items[0];
        return insertEntries(file, step, { with: { 'persist-credentials': 'false' } });
      });
      assert.equal(result, 'steps:\n  - uses: actions/checkout@v4\n    with:\n      persist-credentials: false\n  - run: echo\n');
    });

    it('goes after a literal block scalar, not inside it', () => {
      const text = 'job:\n  script: |\n    echo one\n    echo two\n\nnext: 1\n';
      const result = edited(text, (file) => insertEntries(file, getPath(root(file), ['job']), { interruptible: 'true' }));
      assert.equal(result, 'job:\n  script: |\n    echo one\n    echo two\n  interruptible: true\n\nnext: 1\n');
      assert.deepEqual(parse(result).job, { script: 'echo one\necho two\n', interruptible: true });
    });

    it('keeps the trailing lines of a keep-chomped block scalar as content', () => {
      const text = 'job:\n  script: |+\n    echo\n\n\nnext: 1\n';
      const result = edited(text, (file) => insertEntries(file, getPath(root(file), ['job']), { x: '1' }));
      assert.deepEqual(parse(result).job, { script: 'echo\n\n\n', x: 1 });
    });

    it('appends to flow maps, empty or not', () => {
      const full = edited('with: {fetch-depth: 0}\n', (file) =>
        insertEntries(file, getPath(root(file), ['with']), { 'persist-credentials': 'false' }),
      );
      assert.equal(full, 'with: {fetch-depth: 0, persist-credentials: false}\n');
      const empty = edited('env: {}\n', (file) => insertEntries(file, getPath(root(file), ['env']), { A: '1', B: { c: 'd' } }));
      assert.equal(empty, 'env: { A: 1, B: { c: d } }\n');
    });

    it('quotes values that would break a flow map', () => {
      const result = edited('env: {A: 1}\n', (file) =>
        insertEntries(file, getPath(root(file), ['env']), { B: '${{ github.event.issue.title }}', C: '[x, y]', D: '"q"', E: { f: 'a,b' } }),
      );
      assert.deepEqual(parse(result), { env: { A: 1, B: '${{ github.event.issue.title }}', C: ['x', 'y'], D: 'q', E: { f: 'a,b' } } });
    });

    it('writes sequences as blocks, with map items aligned after the dash', () => {
      const text = 'a: 1\n';
      const result = edited(text, (file) => insertEntries(file, root(file), { list: ['x', { name: 'n', value: 'v' }, []], empty: {} }));
      assert.equal(result, 'a: 1\nlist:\n  - x\n  - name: n\n    value: v\n  - []\nempty: {}\n');
    });

    it('keeps CRLF line endings', () => {
      const result = edited('a:\r\n  b: 1\r\n', (file) => insertEntries(file, getPath(root(file), ['a']), { c: { d: '2' } }));
      assert.equal(result, 'a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\n');
    });

    it('skips keys that are already there (so a fix applied twice changes nothing)', () => {
      const file = parseYamlFile('a: 1\nb: 2\n');
      assert.deepEqual(insertEntries(file, root(file), { a: '5' }), []);
      const edits = insertEntries(file, root(file), { a: '5', c: '3' });
      assert.equal(applyTextEdits(file.text, edits), 'a: 1\nb: 2\nc: 3\n');
    });

    it('returns nothing for non-maps', () => {
      const file = parseYamlFile('- a\n- b\n');
      assert.deepEqual(insertEntries(file, root(file), { c: '1' }), []);
      assert.deepEqual(insertEntries(file, undefined, { c: '1' }), []);
    });

    it('leaves maps with explicit or complex keys alone', () => {
      const file = parseYamlFile('? on: push\njobs:\n  a: 1\n');
      assert.deepEqual(insertEntries(file, root(file), { b: '2' }), []);
      const tagged = parseYamlFile('a: 1\n!!str b: 2\n');
      assert.deepEqual(insertEntries(tagged, root(tagged), { c: '3' }), []);
      assert.deepEqual(removeEntry(tagged, root(tagged), 'b'), []);
    });

    it('handles a last line without a newline', () => {
      assert.equal(
        edited('a: 1', (file) => insertEntries(file, root(file), { b: '2' })),
        'a: 1\nb: 2',
      );
    });
  });

  describe('insertAtPath', () => {
    it('creates missing maps along the path', () => {
      const text = '- uses: actions/checkout@v4\n';
      const result = edited(text, (file) =>
        insertAtPath(file, (root(file) as { items: unknown[] }).items[0], ['with'], { 'persist-credentials': 'false' }),
      );
      assert.equal(result, '- uses: actions/checkout@v4\n  with:\n    persist-credentials: false\n');
    });

    it('inserts into an existing map on the path', () => {
      const text = 'deploy:\n  resources:\n    limits:\n      cpus: "1"\n';
      const result = edited(text, (file) => insertAtPath(file, root(file), ['deploy', 'resources', 'limits'], { memory: '512M' }));
      assert.equal(result, 'deploy:\n  resources:\n    limits:\n      cpus: "1"\n      memory: 512M\n');
    });

    it('replaces an empty value on the path with a map', () => {
      const text = 'step:\n  env:\n  run: echo\n';
      const result = edited(text, (file) => insertAtPath(file, getPath(root(file), ['step']), ['env'], { A: 'b' }));
      assert.equal(result, 'step:\n  env:\n    A: b\n  run: echo\n');
    });

    it('honours options where the new key goes directly into the map', () => {
      const text = 'name: s\nrun: echo\n';
      const result = edited(text, (file) => insertAtPath(file, root(file), ['env'], { A: 'b' }, { before: 'run' }));
      assert.equal(result, 'name: s\nenv:\n  A: b\nrun: echo\n');
    });

    it('refuses to walk through a scalar', () => {
      const file = parseYamlFile('with: nope\n');
      assert.deepEqual(insertAtPath(file, root(file), ['with'], { a: '1' }), []);
    });
  });

  describe('replaceValue', () => {
    it('turns a scalar into a block map at the right indentation', () => {
      const text = 'on: push\npermissions: write-all # too much\njobs: {}\n';
      const result = edited(text, (file) => replaceValue(file, root(file), 'permissions', { contents: 'read' }));
      assert.equal(result, 'on: push\npermissions: # too much\n  contents: read\njobs: {}\n');
    });

    it('replaces a nested map value with a scalar', () => {
      const text = 'a:\n  b:\n    c: 1\n  d: 2\n';
      const result = edited(text, (file) => replaceValue(file, getPath(root(file), ['a']), 'b', 'none'));
      assert.equal(result, 'a:\n  b: none\n  d: 2\n');
    });

    it('writes flow style inside flow maps', () => {
      const result = edited('x: {p: write-all}\n', (file) => replaceValue(file, getPath(root(file), ['x']), 'p', { contents: 'read' }));
      assert.equal(result, 'x: {p: { contents: read }}\n');
    });

    it('fills an empty value and is a no-op when already equal', () => {
      assert.equal(
        edited('a:\nb: 1\n', (file) => replaceValue(file, root(file), 'a', '2')),
        'a: 2\nb: 1\n',
      );
      const file = parseYamlFile('a: 2\n');
      assert.deepEqual(replaceValue(file, root(file), 'a', '2'), []);
    });
  });

  describe('replaceScalar', () => {
    it('keeps the quoting style', () => {
      const text = 'a: "x"\nb: \'y\'\nc: z\n';
      const result = edited(text, (file) => [
        ...replaceScalar(file, getPath(root(file), ['a']), 'it\'s "new"'),
        ...replaceScalar(file, getPath(root(file), ['b']), "it's"),
        ...replaceScalar(file, getPath(root(file), ['c']), 'a: b'),
      ]);
      assert.deepEqual(parse(result), { a: 'it\'s "new"', b: "it's", c: 'a: b' });
      assert.equal(result, 'a: "it\'s \\"new\\""\nb: \'it\'\'s\'\nc: "a: b"\n');
    });

    it('leaves block scalars and unchanged values alone', () => {
      const file = parseYamlFile('a: |\n  x\nb: same\n');
      assert.deepEqual(replaceScalar(file, getPath(root(file), ['a']), 'y'), []);
      assert.deepEqual(replaceScalar(file, getPath(root(file), ['b']), 'same'), []);
    });
  });

  describe('removeEntry', () => {
    it('removes the whole lines of a block entry, keeping comments around it', () => {
      const text = 'env:\n  # keep me\n  A: 1 # gone with A\n  B: |\n    two\n    lines\n  C: 3\n';
      const result = edited(text, (file) => [
        ...removeEntry(file, getPath(root(file), ['env']), 'A'),
        ...removeEntry(file, getPath(root(file), ['env']), 'B'),
      ]);
      assert.equal(result, 'env:\n  # keep me\n  C: 3\n');
    });

    it('removes the parent entry when the map would be left empty', () => {
      const text = 'name: x\nenv:\n  A: 1\nrun: echo\n';
      const result = edited(text, (file) => removeEntry(file, getPath(root(file), ['env']), 'A', { map: root(file), key: 'env' }));
      assert.equal(result, 'name: x\nrun: echo\n');
    });

    it('keeps the dash when the entry shares its line with one', () => {
      const text = '- A: 1\n  B: 2\n- C: 3\n';
      const result = edited(text, (file) => removeEntry(file, (root(file) as { items: unknown[] }).items[0], 'A'));
      assert.equal(result, '- B: 2\n- C: 3\n');
      const single = edited(text, (file) => removeEntry(file, (root(file) as { items: unknown[] }).items[1], 'C'));
      assert.deepEqual(parse(single), [{ A: 1, B: 2 }, {}]);
    });

    it('removes flow entries with their separators', () => {
      const text = 'env: {A: 1, B: 2, C: 3}\n';
      assert.equal(
        edited(text, (file) => removeEntry(file, getPath(root(file), ['env']), 'A')),
        'env: {B: 2, C: 3}\n',
      );
      assert.equal(
        edited(text, (file) => removeEntry(file, getPath(root(file), ['env']), 'C')),
        'env: {A: 1, B: 2}\n',
      );
      assert.equal(
        edited('env: {A: 1}\n', (file) => removeEntry(file, getPath(root(file), ['env']), 'A')),
        'env: {}\n',
      );
    });

    it('handles CRLF and a missing final newline', () => {
      assert.equal(
        edited('a: 1\r\nb: 2\r\n', (file) => removeEntry(file, root(file), 'a')),
        'b: 2\r\n',
      );
      assert.equal(
        edited('a: 1\nb: 2', (file) => removeEntry(file, root(file), 'b')),
        'a: 1\n',
      );
    });

    it('returns nothing for a missing key', () => {
      const file = parseYamlFile('a: 1\n');
      assert.deepEqual(removeEntry(file, root(file), 'zz'), []);
    });
  });

  describe('anchoredEdits', () => {
    it('turns insertions into replacements of the next character, with the same result', () => {
      const text = 'a: 1\nb: 2\n';
      const file = parseYamlFile(text);
      const plain = insertEntries(file, root(file), { c: '3' }, { after: 'a' });
      const anchored = anchoredEdits(file, plain);
      assert.deepEqual(anchored[0].range, { start: { line: 0, character: 4 }, end: { line: 1, character: 0 } });
      assert.equal(applyTextEdits(text, anchored), applyTextEdits(text, plain));
      const replacement = replaceScalar(file, getPath(root(file), ['b']), '5');
      assert.deepEqual(anchoredEdits(file, replacement), replacement);
    });

    it('uses the previous character at the end of the text or when the next one is edited', () => {
      const text = 'a: 1';
      const file = parseYamlFile(text);
      const atEnd = anchoredEdits(file, insertEntries(file, root(file), { b: '2' }));
      assert.deepEqual(atEnd[0].range, { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } });
      assert.equal(applyTextEdits(text, atEnd), 'a: 1\nb: 2');
      const both = anchoredEdits(file, [
        { range: rangeOf(0, 1, 0, 2), newText: '=' },
        { range: rangeOf(0, 1, 0, 1), newText: 'x' },
      ]);
      assert.deepEqual(both[1].range, rangeOf(0, 0, 0, 1));
      assert.equal(applyTextEdits(text, both), 'ax= 1');
    });
  });

  describe('appendDocument', () => {
    it('adds a separated document', () => {
      assert.equal(
        edited('kind: A\n', (file) => appendDocument(file, 'kind: B')),
        'kind: A\n---\nkind: B\n',
      );
      assert.equal(
        edited('kind: A', (file) => appendDocument(file, 'kind: B\n')),
        'kind: A\n---\nkind: B\n',
      );
      assert.equal(
        edited('', (file) => appendDocument(file, 'kind: B')),
        'kind: B\n',
      );
    });
  });

  describe('properties', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String));
    const flatMap = fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 6 });

    it('inserting a new key into a generated block map keeps every other value and adds exactly that key', () => {
      fc.assert(
        fc.property(flatMap, key, scalar, fc.boolean(), (entries, newKey, newValue, nested) => {
          fc.pre(!(newKey in entries));
          const text = `root:\n${Object.entries(entries)
            .map(([k, v]) => `  ${k}: ${yamlScalar(v)}`)
            .join('\n')}\n`;
          const file = parseYamlFile(text);
          const value = nested ? { inner: yamlScalar(newValue) } : yamlScalar(newValue);
          const result = applyTextEdits(text, insertEntries(file, getPath(root(file), ['root']), { [newKey]: value }));
          const expected = { ...entries, [newKey]: nested ? { inner: newValue } : newValue };
          assert.deepEqual(parse(result), { root: expected });
        }),
        { numRuns: 200 },
      );
    });

    it('removing a key from a generated block map leaves exactly the others', () => {
      fc.assert(
        fc.property(flatMap, fc.nat(), (entries, pick) => {
          const keys = Object.keys(entries);
          const removed = keys[pick % keys.length];
          const text = `root:\n${keys.map((k) => `  ${k}: ${yamlScalar(entries[k])}`).join('\n')}\nafter: 1\n`;
          const file = parseYamlFile(text);
          const result = applyTextEdits(text, removeEntry(file, getPath(root(file), ['root']), removed, { map: root(file), key: 'root' }));
          const rest = Object.fromEntries(Object.entries(entries).filter(([k]) => k !== removed));
          assert.deepEqual(parse(result), keys.length === 1 ? { after: 1 } : { root: rest, after: 1 });
        }),
        { numRuns: 200 },
      );
    });
  });
});
