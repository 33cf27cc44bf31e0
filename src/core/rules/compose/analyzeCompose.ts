import { runGuarded } from '../engine/guardedDetectors';
import { collectYamlSuppressions } from '../engine/suppressions';
import type { FileAnalysis, ParseProblem } from '../types';
import { parseYamlFile } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';
import { withoutFixesOnAliasedNodes } from './aliasedNodes';
import { composeAnchors } from './composeAnchors';
import { readComposeFile } from './composeModel';
import type { ComposeDetector } from './detector';
import { COMPOSE_DETECTORS } from './detectors';

export interface AnalyzeOptions {
  /** Tests set this so a detector bug fails loudly instead of being contained. */
  rethrow?: boolean;
  detectors?: readonly ComposeDetector[];
}

export type ComposeResult = Omit<FileAnalysis, 'suppressions'>;

/**
 * Parses a compose file once (or takes it parsed) and runs every compose detector on its first
 * document, collecting hover anchors. A file with YAML errors reports only
 * those: rules on a half-parsed file would mislead. Never throws (unless
 * `rethrow` asks it to).
 */
export function analyzeCompose(input: string | YamlFile, options: AnalyzeOptions = {}): ComposeResult {
  const result: ComposeResult = { kind: 'compose', findings: [], anchors: [], parseProblems: [] };
  try {
    const file = typeof input === 'string' ? parseYamlFile(input) : input;
    result.parseProblems = [...file.parseProblems];
    const compose = file.parseProblems.length === 0 ? readComposeFile(file) : undefined;
    if (!compose) return result;
    for (const detector of options.detectors ?? COMPOSE_DETECTORS) {
      const detect = () => detector.detect(compose);
      // A detector bug is contained to its own rule and shown as a problem naming it; tests rethrow instead.
      result.findings.push(...(options.rethrow ? detect() : runGuarded(detector.ruleId, detect, result.parseProblems)));
    }
    result.findings = withoutFixesOnAliasedNodes(file, result.findings);
    result.anchors = composeAnchors(compose);
  } catch (error) {
    if (options.rethrow) throw error;
    result.parseProblems.push(analysisFailure(error));
  }
  return result;
}

/**
 * The whole analysis of a compose file someone already parsed (`analyzeFile`
 * parses a YAML file once to detect its kind; a workspace scan shares the
 * evidence readers' parse): findings, anchors and inline suppressions, the
 * latter read from the same tokens. Same result as the kind's analyzer on the text.
 */
export function analyzeParsedCompose(file: YamlFile): FileAnalysis {
  return { ...analyzeCompose(file), suppressions: collectYamlSuppressions(file.text, file.cst) };
}

function analysisFailure(error: unknown): ParseProblem {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Stage Guide could not analyse this compose file (${reason}). Please report it.` };
}
