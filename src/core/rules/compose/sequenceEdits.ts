import { isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { TextEdit } from '../../text';
import { eolOf } from '../yaml/yamlEdits';
import type { YamlFile } from '../yaml/yamlSupport';

/**
 * Appends one item (YAML source) to a sequence, block or flow, keeping the
 * rest as written. Not in yaml/yamlEdits.ts (which edits maps); generic
 * enough to move there. `[]` when the sequence is empty or has no ranges.
 */
export function appendSequenceItem(file: YamlFile, seq: unknown, itemSource: string): TextEdit[] {
  if (!isSeq(seq) || !seq.range || seq.items.length === 0) return [];
  const last = seq.items[seq.items.length - 1] as Node | null;
  if (!last?.range) return [];
  const text = file.text;
  if (seq.flow) return [{ range: file.mapper.range(last.range[1], last.range[1]), newText: `, ${itemSource}` }];
  const dash = text.lastIndexOf('-', seq.items[0] && (seq.items[0] as Node).range ? (seq.items[0] as Node).range![0] : seq.range[0]);
  const lineBegin = text.lastIndexOf('\n', dash) + 1;
  if (dash < lineBegin || text.slice(lineBegin, dash).trim() !== '') return [];
  let end = last.range[1];
  while (end > last.range[0] && /\s/.test(text[end - 1])) end--;
  const newline = text.indexOf('\n', end);
  let at = newline < 0 ? text.length : newline;
  if (at > 0 && text[at - 1] === '\r') at -= 1;
  const eol = eolOf(text);
  return [{ range: file.mapper.range(at, at), newText: `${eol}${text.slice(lineBegin, dash)}- ${itemSource}` }];
}
