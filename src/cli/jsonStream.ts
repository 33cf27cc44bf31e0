import type { Terminal } from './terminal';

/**
 * A JSON report written as it is produced, never held as one string: the
 * text is exactly `JSON.stringify(value, null, 2)` followed by a newline
 * (what `term.out(JSON.stringify(value, null, 2))` wrote), handed to the
 * terminal in batches of whole lines. A `LazyList` in the value is written
 * like an array whose items are made one at a time, so a report of a large
 * workspace need not exist in memory all at once either.
 */
export class LazyList<T> {
  constructor(private readonly produce: () => Iterable<T>) {}

  [Symbol.iterator](): Iterator<T> {
    return this.produce()[Symbol.iterator]();
  }
}

/** `items.map(make)`, made one item at a time while written. */
export function lazyMap<T, U>(items: readonly T[], make: (item: T) => U): LazyList<U> {
  return new LazyList(function* () {
    for (const item of items) yield make(item);
  });
}

/** About this many characters are written at a time. */
const BATCH = 64 * 1024;

export function writeJson(term: Terminal, value: unknown): void {
  let pending = '';
  const emit = (text: string) => {
    pending += text;
    if (pending.length < BATCH) return;
    // term.out ends what it writes with a line break: hand it whole lines and keep the unfinished one.
    const lastBreak = pending.lastIndexOf('\n');
    if (lastBreak < 0) return;
    term.out(pending.slice(0, lastBreak));
    pending = pending.slice(lastBreak + 1);
  };
  const top = resolved(value, '');
  if (hasNoText(top)) return;
  writeResolved(top, '', emit);
  term.out(pending);
}

/** What JSON.stringify writes for a value: its toJSON() when it has one. */
function resolved(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  return value;
}

/** JSON has no text for these: left out of objects, `null` in arrays. */
function hasNoText(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Writes a value (its toJSON() already applied) like JSON.stringify(value, null, 2) at this indentation. */
function writeResolved(value: unknown, indent: string, emit: (text: string) => void): void {
  if (value === null || typeof value !== 'object') {
    emit(JSON.stringify(value));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value) || value instanceof LazyList) {
    let count = 0;
    for (const item of value as Iterable<unknown>) {
      emit(count === 0 ? `[\n${inner}` : `,\n${inner}`);
      const written = resolved(item, String(count));
      if (hasNoText(written)) emit('null');
      else writeResolved(written, inner, emit);
      count++;
    }
    emit(count === 0 ? '[]' : `\n${indent}]`);
    return;
  }
  let count = 0;
  for (const [name, item] of Object.entries(value)) {
    const written = resolved(item, name);
    if (hasNoText(written)) continue;
    emit(`${count === 0 ? '{' : ','}\n${inner}${JSON.stringify(name)}: `);
    writeResolved(written, inner, emit);
    count++;
  }
  emit(count === 0 ? '{}' : `\n${indent}}`);
}
