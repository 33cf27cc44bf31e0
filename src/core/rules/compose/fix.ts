import type { TextEdit } from '../../text';
import { fixOnDemand } from '../engine/fixesOnDemand';
import type { RuleFix } from '../types';

/**
 * A quick fix, or none when the edit builder found nothing it could safely change. Given the builder itself, the
 * edits are built when first read (engine/fixesOnDemand.ts: the fix goes, once settled, when they are none).
 */
export function fixOf(title: string, edits: readonly TextEdit[] | (() => readonly TextEdit[])): RuleFix | undefined {
  if (typeof edits === 'function') return fixOnDemand(title, edits);
  return edits.length > 0 ? { title, edits: [...edits] } : undefined;
}
