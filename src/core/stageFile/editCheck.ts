import { isMap, isNode, isScalar } from 'yaml';
import { isAliasBomb } from '../rules/yaml/aliasBudget';
import { MAX_YAML_NESTING, parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';
import type { StageId } from '../stages';
import { applyTextEdits } from '../text';
import type { TextEdit } from '../text';
import { removeWaiverEdits, setStageEdits, setWaiverUntilEdits } from './stageFileEdits';

/**
 * Every edit to a user's `.stage.yml` is parsed again before it is written (by the CLI) or applied
 * (by the editor): an edit that would leave invalid YAML, or a file that means something else than
 * intended (another key changed, the stage not the one asked for), is refused, never written.
 */
export type CheckedEdits = { edits: TextEdit[]; text: string } | { refused: string };

/** `set STAGE`: the edits, the resulting text, or why they are refused. Empty edits when already set. */
export function checkedSetStageEdits(text: string, stage: StageId): CheckedEdits {
  const unreadable = beyondLimits(text);
  if (unreadable) return { refused: unreadable };
  const edits = setStageEdits(text, stage);
  if (edits.length === 0) return { edits, text };
  return checkEdits(text, edits, 'stage', (value) =>
    value === stage ? undefined : `stage would read ${JSON.stringify(value)}, not ${stage} (is \`stage:\` written twice?)`,
  );
}

/** Quick fix "Remove waiver": the waiver at `index` goes, every other waiver and key stays as it was. */
export function checkedRemoveWaiverEdits(text: string, index: number): CheckedEdits {
  return checkedWaiverEdits(
    text,
    index,
    () => removeWaiverEdits(text, index),
    (waivers) => waivers.filter((_, at) => at !== index),
  );
}

/** Quick fix "Extend waiver": only the `until:` of the waiver at `index` changes. */
export function checkedSetWaiverUntilEdits(text: string, index: number, until: string): CheckedEdits {
  return checkedWaiverEdits(
    text,
    index,
    () => setWaiverUntilEdits(text, index, until),
    (waivers) => waivers.map((waiver, at) => (at === index && waiver && typeof waiver === 'object' ? { ...waiver, until } : waiver)),
  );
}

function checkedWaiverEdits(
  text: string,
  index: number,
  editsOf: () => TextEdit[],
  expected: (waivers: unknown[]) => unknown[],
): CheckedEdits {
  const unreadable = beyondLimits(text);
  if (unreadable) return { refused: unreadable };
  const before = waiverList(text);
  if (!before || index < 0 || index >= before.length) return { refused: 'the waiver is no longer there' };
  const edits = editsOf();
  if (edits.length === 0) return { edits, text };
  const want = expected(before);
  return checkEdits(text, edits, 'waivers', (value) => {
    const same = want.length === 0 ? value === null || value === undefined || value === '[]' : value === JSON.stringify(want);
    return same ? undefined : 'the other waivers would change too';
  });
}

/** The top-level `waivers:` list as data, or undefined when there is none (or it cannot be read safely). */
function waiverList(text: string): unknown[] | undefined {
  try {
    const doc = parseDocumentsWithinLimits(text, { uniqueKeys: false }).documents[0];
    const root = doc?.contents;
    if (!doc || !isMap(root)) return undefined;
    const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'waivers');
    const list = isNode(pair?.value) ? pair.value.toJS(doc, { maxAliasCount: 100 }) : undefined;
    return Array.isArray(list) ? list : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Applies `edits` and re-parses: no new YAML errors, every top-level key but `changedKey` means the
 * same as before, and `changedKey`'s new value passes `expect` (undefined when fine).
 */
export function checkEdits(
  text: string,
  edits: readonly TextEdit[],
  changedKey: string,
  expect: (value: unknown) => string | undefined,
): CheckedEdits {
  const after = applyTextEdits(text, edits);
  const before = topLevel(text);
  const parsed = topLevel(after);
  if (parsed.errors > before.errors) return { refused: 'the edited file would not be valid YAML' };
  if (!parsed.values) return { refused: 'the edited file would not be a map of keys' };
  const wrong = expect(parsed.values.get(changedKey));
  if (wrong) return { refused: wrong };
  for (const [key, value] of before.values ?? []) {
    if (key === changedKey) continue;
    if (!parsed.values.has(key) || parsed.values.get(key) !== value) return { refused: `the edit would change "${key}" too` };
  }
  for (const key of parsed.values.keys()) {
    if (key !== changedKey && before.values && !before.values.has(key)) return { refused: `the edit would add "${key}"` };
  }
  return { edits: [...edits], text: after };
}

/**
 * Why the file cannot be edited safely at all, or undefined: a `.stage.yml`
 * nested past the limit or with an alias bomb is refused with that reason
 * before any edit is computed (the limits every repository YAML gets).
 */
export function beyondLimits(text: string): string | undefined {
  const { documents, tooDeepAt } = parseDocumentsWithinLimits(text, { uniqueKeys: false });
  if (tooDeepAt !== undefined) return `it nests deeper than ${MAX_YAML_NESTING} levels`;
  if (documents.some(isAliasBomb)) return 'its aliases expand to too many nodes (an alias bomb?)';
  return undefined;
}

/** Top-level keys and their values (JSON text, for comparison; the first pair wins, as `.stage.yml` reads it), and the YAML error count. */
function topLevel(text: string): { errors: number; values?: Map<string, unknown> } {
  try {
    const { documents, tooDeepAt } = parseDocumentsWithinLimits(text, { uniqueKeys: false });
    if (tooDeepAt !== undefined || documents.some(isAliasBomb)) return { errors: Number.MAX_SAFE_INTEGER };
    const doc = documents[0];
    // More than one document is an error, as parseDocument reports it.
    const errors = documents.reduce((sum, each) => sum + each.errors.length, 0) + Math.max(0, documents.length - 1);
    const root = doc?.contents;
    if (!doc || !isMap(root)) return { errors };
    const values = new Map<string, unknown>();
    for (const item of root.items) {
      const key = isScalar(item.key)
        ? String(item.key.value)
        : JSON.stringify(isNode(item.key) ? item.key.toJS(doc, { maxAliasCount: 100 }) : item.key);
      if (values.has(key)) continue;
      const value = isScalar(item.value)
        ? item.value.value
        : isNode(item.value)
          ? JSON.stringify(item.value.toJS(doc, { maxAliasCount: 100 }))
          : item.value;
      values.set(key, value);
    }
    return { errors, values };
  } catch {
    // An alias bomb or a node yaml cannot turn into data: nothing to compare, so nothing passes.
    return { errors: Number.MAX_SAFE_INTEGER };
  }
}
