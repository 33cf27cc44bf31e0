import { ownCopy } from './ownCopy';

/**
 * A pure function of a short text (an image reference, a file name, a catalogue path), answered once per text: a
 * scan asks the same few thousand texts again for every file, signal or resource. The memory is cleared whenever it
 * holds `max` answers, or would hold texts longer than `maxLength` characters in all (for answers that grow with their
 * text, such as a script's commands) — a bound, not an LRU: a text asked again is soon remembered again — so a
 * workspace of unique texts cannot grow it without end. A text read out of a file is a slice of the file's text: it
 * is copied before it is kept (and answered from the copy, whose slices an answer may keep), so the memory keeps no
 * file's text alive.
 */
export function memoizedByText<Answer>(
  compute: (text: string) => Answer,
  max: number,
  maxLength = Number.POSITIVE_INFINITY,
): MemoByText<Answer> {
  const answers = new Map<string, Answer>();
  let length = 0;
  const forget = () => {
    answers.clear();
    length = 0;
  };
  const answer = (text: string): Answer => {
    if (answers.has(text)) return answers.get(text) as Answer;
    const own = ownCopy(text);
    const computed = compute(own);
    if (answers.size >= max || length + own.length > maxLength) forget();
    answers.set(own, computed);
    length += own.length;
    return computed;
  };
  return Object.assign(answer, { forget });
}

/** A memory by text: the answer function, and `forget` (see scanLifetime.ts: the large ones forget when scans end). */
export type MemoByText<Answer> = ((text: string) => Answer) & { forget(): void };
