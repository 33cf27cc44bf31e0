import type { FileAnalysis, FileKind, WorkspaceFacts } from '../types';
import { analyzerFor } from './analyzerRegistry';
import { detectFileKind } from './fileKinds';
import type { FileKindContext } from './fileKinds';
import { emptySuppressions } from './suppressions';

/**
 * The stage-independent analysis of one file, or undefined when Stage Guide
 * does not read this kind of file. Never throws: an analyzer that fails
 * becomes a parse problem at the top of the file (each analyzer already
 * contains failures of single rules the same way).
 */
export function analyzeFile(path: string, text: string, facts: WorkspaceFacts, context: FileKindContext = {}): FileAnalysis | undefined {
  let kind: FileKind | undefined;
  try {
    kind = detectFileKind(path, text, context);
  } catch {
    return undefined;
  }
  if (!kind) return undefined;
  try {
    return analyzerFor(kind).analyze(text, facts);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      kind,
      findings: [],
      anchors: [],
      parseProblems: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Stage Guide could not analyse this file (${reason}).` }],
      suppressions: emptySuppressions(),
    };
  }
}
