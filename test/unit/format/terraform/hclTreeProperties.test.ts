import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hclBlocks } from '../../../../src/core/evidence/parsers/hclTree';
import type { TreeValue } from '../../../../src/core/evidence/parsers/locatedTree';

/**
 * The HCL reader's exact ranges, fuzzed. It was kept over web-tree-sitter after matching the tree-sitter
 * HCL grammar on every block, key and value range of 268 real .tf files (docs/architecture.md); these
 * properties keep it honest on inputs no corpus holds.
 */

/** Pieces of real Terraform, so random files reach the tokenizer's interesting paths. */
const TOKENS = [
  'resource "aws_s3_bucket" "b" {',
  'variable "x" {',
  'locals {',
  'dynamic "ingress" {',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ' = ',
  ': ',
  ',',
  '\n',
  '"plain"',
  '"${var.name}-x"',
  '"%{ if x }y%{ endif }"',
  '"unterminated',
  '"esc\\"aped"',
  '<<EOT\nbody\nEOT\n',
  '<<-EOT\n  indented\n  EOT\n',
  '# comment {\n',
  '// comment [\n',
  '/* block { */',
  '/* unterminated',
  'var.region',
  'local.tags',
  'true',
  'null',
  '-3',
  '1.5e3',
  'for k, v in var.m : k => v',
  'x ? 1 : 2',
  'acl',
  'ñame',
  '¯\\_(ツ)_/¯',
];

const randomText = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Every located node of the blocks, for range checks. */
function locatedNodes(value: TreeValue, visit: (node: TreeValue, key?: { key: string; start?: number; end?: number }) => void): void {
  if (value.kind === 'map') {
    for (const entry of value.entries) {
      visit(entry.value, { key: entry.key, start: entry.keyStart, end: entry.keyEnd });
      locatedNodes(entry.value, visit);
    }
  } else if (value.kind === 'list') {
    for (const item of value.items) {
      visit(item);
      locatedNodes(item, visit);
    }
  }
}

describe('HCL reader properties', () => {
  it('never throws and every range lies inside the text, in order, keys spelled as written', () => {
    fc.assert(
      fc.property(randomText, (text) => {
        for (const block of hclBlocks(text)) {
          assert.ok(0 <= block.start && block.start < block.end && block.end <= text.length);
          assert.ok(text.startsWith(block.type, block.start));
          for (const [start, end] of block.labelRanges) assert.ok(block.start < start && start < end && end <= block.end);
          locatedNodes(block.body, (node, key) => {
            if (node.start !== undefined && node.end !== undefined) {
              assert.ok(0 <= node.start && node.start <= node.end && node.end <= block.end, `value range ${node.start}-${node.end}`);
            }
            if (key?.start !== undefined && key.end !== undefined) {
              assert.ok(block.start <= key.start && key.start < key.end && key.end <= block.end);
              const written = text.slice(key.start, key.end);
              assert.ok(written === key.key || written === JSON.stringify(key.key) || written.startsWith('"'), `key ${written}`);
            }
          });
        }
      }),
      {
        numRuns: 2000,
        // Inputs random runs found once, kept as regressions: an object key followed by a block that never
        // closes (the reader stepped past the last token, so the block ended before its own body), and a
        // backslash as the file's last character (the string ran one character past the text), and an interpolation
        // that never closes at the end of the file (the same, through `${`).
        examples: [
          ['resource "aws_s3_bucket" "b" {A={resource "aws_s3_bucket" "b" {'],
          ['resource "aws_s3_bucket" "b" {"unterminated\\'],
          ['resource "aws_s3_bucket" "b" {"${'],
        ],
      },
    );
  });

  const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
  const literal = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map((n) => ({ text: String(n), value: n as string | number | boolean })),
    fc.boolean().map((b) => ({ text: String(b), value: b as string | number | boolean })),
    fc.stringMatching(/^[a-zA-Z0-9 ._/:-]{0,12}$/).map((s) => ({ text: JSON.stringify(s), value: s as string | number | boolean })),
  );
  const attribute = fc.record({ key: identifier, value: literal });
  const block = fc.record({
    type: fc.constantFrom('resource', 'data', 'module', 'variable', 'provider'),
    labels: fc.array(identifier, { maxLength: 2 }),
    attributes: fc.uniqueArray(attribute, { selector: (a) => a.key, maxLength: 5 }),
    nested: fc.array(fc.record({ type: identifier, attributes: fc.uniqueArray(attribute, { selector: (a) => a.key, maxLength: 3 }) }), {
      maxLength: 2,
    }),
  });

  it('reads generated well-formed files back: the same blocks and values, each range slicing to what was written', () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '  ', '\t'),
        (blocks, eol, indent) => {
          const written: Array<{ start: number; end: number; text: string }> = [];
          let text = '# generated' + eol;
          const put = (piece: string, record = false) => {
            if (record) written.push({ start: text.length, end: text.length + piece.length, text: piece });
            text += piece;
          };
          for (const b of blocks) {
            put(b.type + b.labels.map((l) => ` "${l}"`).join('') + ' {' + eol);
            for (const a of b.attributes) {
              put(indent);
              put(a.key, true);
              put(' = ');
              put(a.value.text, true);
              put(eol);
            }
            for (const n of b.nested) {
              put(indent + n.type + ' {' + eol);
              for (const a of n.attributes) {
                put(indent + indent + a.key + ' = ');
                put(a.value.text, true);
                put(eol);
              }
              put(indent + '}' + eol);
            }
            put('}' + eol + eol);
          }
          const parsed = hclBlocks(text);
          assert.equal(parsed.length, blocks.length);
          parsed.forEach((p, i) => {
            assert.equal(p.type, blocks[i].type);
            assert.deepEqual(p.labels, blocks[i].labels);
            const attributes = p.body.entries.filter((e) => e.value.kind === 'scalar');
            assert.deepEqual(
              attributes.map((e) => [e.key, e.value.kind === 'scalar' ? e.value.value : undefined]),
              blocks[i].attributes.map((a) => [a.key, a.value.value]),
            );
            assert.equal(text.slice(p.end - 1, p.end), '}');
          });
          const ranges = new Set<string>();
          for (const p of parsed)
            locatedNodes(p.body, (node, key) => {
              if (node.kind === 'scalar') ranges.add(`${node.start}-${node.end}`);
              if (key?.start !== undefined) ranges.add(`${key.start}-${key.end}`);
            });
          for (const piece of written) assert.ok(ranges.has(`${piece.start}-${piece.end}`), `no range for ${piece.text}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
