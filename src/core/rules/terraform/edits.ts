import type { TreeMap, TreeValue } from '../../evidence/parsers/locatedTree';
import type { RuleFix } from '../types';
import type { TerraformContext } from './context';

/**
 * Quick fixes for Terraform: one attribute set to a safe value, written in
 * place when the attribute exists and as a new line at the top of the block
 * (indented like its first attribute) when it does not.
 */
export function setAttributeFix(context: TerraformContext, body: TreeMap, key: string, value: string, title: string): RuleFix | undefined {
  const written = body.entries.find((entry) => entry.key === key)?.value;
  if (written) return replaceValueFix(context, written, value, title);
  return insertAttributeFix(context, body, `${key} = ${value}`, title);
}

export function replaceValueFix(context: TerraformContext, value: TreeValue, newText: string, title: string): RuleFix | undefined {
  if (value.start === undefined || value.end === undefined) return undefined;
  return { title, edits: [{ range: context.range(value.start, value.end), newText }] };
}

/** Inserts `line` as the first statement of the block body `{ … }`. */
export function insertAttributeFix(context: TerraformContext, body: TreeMap, line: string, title: string): RuleFix | undefined {
  if (body.start === undefined) return undefined;
  const text = context.text;
  const open = body.start;
  const lineEnd = text.indexOf('\n', open);
  if (lineEnd < 0 || (body.end !== undefined && lineEnd >= body.end)) return undefined; // `{}` on one line: no room for a line
  const rest = text.slice(open + 1, lineEnd).trim();
  if (rest !== '' && !rest.startsWith('#') && !rest.startsWith('//')) return undefined;
  const indent = indentOf(context, body) ?? indentAt(text, open) + '  ';
  const at = context.positions.position(lineEnd + 1);
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indent}${line}\n` }] };
}

function indentOf(context: TerraformContext, body: TreeMap): string | undefined {
  const first = body.entries[0];
  if (first?.keyStart === undefined) return undefined;
  const lineStart = context.text.lastIndexOf('\n', first.keyStart - 1) + 1;
  const before = context.text.slice(lineStart, first.keyStart);
  return before.trim() === '' ? before : undefined;
}

function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end);
}

/** True when the body builds nested `name` blocks with `dynamic "name" { … }`: their content is not known. */
export function hasDynamicBlock(body: TreeValue | undefined, name: string): boolean {
  return (
    body?.kind === 'map' &&
    body.entries.some((entry) => entry.key === 'dynamic' && entry.value.kind === 'map' && entry.value.labels?.[0] === name)
  );
}

/** The nested block `settings { … }` of a body, if written. */
export function nestedBlock(body: TreeValue | undefined, key: string): TreeMap | undefined {
  if (body?.kind !== 'map') return undefined;
  const value = body.entries.find((entry) => entry.key === key)?.value;
  return value?.kind === 'map' ? value : undefined;
}
