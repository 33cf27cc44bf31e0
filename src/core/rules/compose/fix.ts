import type { TextEdit } from '../../text';
import type { RuleFix } from '../types';

/** A quick fix, or none when the edit builder found nothing it could safely change. */
export function fixOf(title: string, edits: readonly TextEdit[]): RuleFix | undefined {
  return edits.length > 0 ? { title, edits: [...edits] } : undefined;
}
