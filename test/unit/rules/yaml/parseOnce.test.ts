import * as assert from 'node:assert/strict';
import { LineCounter, parseAllDocuments } from 'yaml';
import { composeYamlFile, parseYamlCst, parseYamlFile } from '../../../../src/core/rules/yaml/yamlSupport';

/** Valid, broken and odd YAML: the one-parse API must read each exactly as `parseAllDocuments` does. */
const SAMPLES = [
  '',
  'a: 1\n',
  'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Service\n',
  'a: [1, 2\nb: 3\n',
  'a:\n  - b\n - c\n',
  'key: "unterminated\nnext: 1\n',
  `${'x'.repeat(120)}: [\n`,
  'a: 1\na: 2\n',
  '**\nstage\r\n"',
  '{{- if .Values.on }}\nkind: Pod\n{{- end }}\n',
  '%YAML 1.2\n---\na: *missing\n',
  '\t\tkind: x\napiVersion: y',
];

describe('yaml: parse once', () => {
  it('composes exactly the documents, errors and warnings of parseAllDocuments (messages included)', () => {
    for (const text of SAMPLES) {
      const expected = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false });
      const actual = parseYamlFile(text);
      const docs = Array.isArray(expected) ? expected : [];
      assert.equal(actual.documents.length, docs.length, JSON.stringify(text));
      actual.documents.forEach((doc, index) => {
        // Some documents cannot be converted (an unresolved alias throws): compare where their content lies, and the failure.
        const shape = (document: typeof doc) => {
          try {
            return document.toJS({ mapAsMap: true });
          } catch (error) {
            return [document.contents?.range, String(error)];
          }
        };
        assert.deepEqual(shape(doc), shape(docs[index]), JSON.stringify(text));
        assert.deepEqual(
          doc.errors.map((error) => [error.code, error.message, error.pos]),
          docs[index].errors.map((error) => [error.code, error.message, error.pos]),
          JSON.stringify(text),
        );
        assert.deepEqual(
          doc.warnings.map((warning) => warning.message),
          docs[index].warnings.map((warning) => warning.message),
          JSON.stringify(text),
        );
      });
    }
  });

  it('keeps the concrete syntax tree it composed from when asked, comments included', () => {
    const file = parseYamlFile('# head\na: 1 # trailing\n---\nb: 2\n', true);
    assert.equal(file.cst?.filter((token) => token.type === 'document').length, 2);
    assert.ok(JSON.stringify(file.cst).includes('# trailing'));
  });

  it('by default keeps the tokens only of a text with a suppression comment to read', () => {
    assert.equal(parseYamlFile('a: 1 # why\n').cst, undefined);
    assert.ok(parseYamlFile('a: 1 # stage-guide: ignore\n').cst);
  });

  it('composes from a CST parsed first, so a caller can look before paying for the documents', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';
    const cst = parseYamlCst(text);
    const file = composeYamlFile(cst, true);
    assert.equal(file.cst, cst.tokens);
    assert.deepEqual(
      file.documents.map((doc) => doc.toJS()),
      parseYamlFile(text).documents.map((doc) => doc.toJS()),
    );
    assert.equal(file.mapper.position(text.indexOf('name')).line, 3);
  });
});
