import type { TreeValue } from '../../evidence/parsers/locatedTree';
import { expandLists } from '../../evidence/parsers/locatedTree';
import { foldersBelow } from '../../format/terraform/terraformFile';

/** Reading resolved values: each returns undefined when the value is unknown (an expression) or of another type. */
export function boolValue(value: TreeValue | undefined): boolean | undefined {
  if (value?.kind !== 'scalar') return undefined;
  if (typeof value.value === 'boolean') return value.value;
  if (value.value === 'true' || value.value === 'false') return value.value === 'true';
  return undefined;
}

export function numberValue(value: TreeValue | undefined): number | undefined {
  if (value?.kind !== 'scalar' || value.expression) return undefined;
  if (typeof value.value === 'number') return value.value;
  if (typeof value.value === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) return Number(value.value);
  return undefined;
}

export function stringValue(value: TreeValue | undefined): string | undefined {
  if (value?.kind !== 'scalar' || value.expression || value.value === null) return undefined;
  return String(value.value);
}

/** The literal strings of a list (or a single string); unknown items are left out, `complete` says whether any were. */
export function stringItems(value: TreeValue | undefined): { items: string[]; complete: boolean } {
  if (!value) return { items: [], complete: true };
  const items: string[] = [];
  let complete = true;
  for (const item of expandLists(value)) {
    const text = stringValue(item);
    if (text === undefined) complete = false;
    else items.push(text);
  }
  return { items, complete };
}

const NON_PRODUCTION_FOLDERS = new Set([
  'dev',
  'develop',
  'development',
  'sandbox',
  'playground',
  'test',
  'tests',
  'testing',
  'example',
  'examples',
  'demo',
  'qa',
]);

/**
 * A folder for a development or test environment (`environments/dev`, `live/sandbox`, `examples/`): the
 * availability and recovery rules (Multi-AZ, deletion protection, final snapshots) do not ask of it what they
 * ask of production — a dev database is meant to be cheap and disposable. Security rules still apply.
 */
export function isNonProductionPath(path: string, root: string): boolean {
  return foldersBelow(path, root).some((segment) => NON_PRODUCTION_FOLDERS.has(segment.toLowerCase()));
}
