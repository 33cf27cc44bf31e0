import type { RawFinding } from '../types';
import type { ComposeFile } from './composeModel';

/** One compose rule's detection: reads the parsed file, reports findings with exact ranges and optional fixes. */
export interface ComposeDetector {
  ruleId: string;
  detect(compose: ComposeFile): RawFinding[];
}
