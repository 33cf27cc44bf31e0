import type { AnalyzerOptions, FileAnalysis, FileKind, KindAnalyzer } from '../types';
import type { YamlFile } from './yamlSupport';

/**
 * An analyzer that can also take its file already parsed: `analyzeFile`
 * parses a YAML file whose name says nothing once, to detect a Kubernetes
 * manifest and to analyse it, and a workspace scan hands over the parse its
 * evidence readers made. Same result as `analyze(file.text, facts)`.
 */
export interface ParsedYamlAnalyzer extends KindAnalyzer {
  analyzeParsed(file: YamlFile, facts: KindAnalyzerFacts, path?: string, options?: AnalyzerOptions): FileAnalysis;
}

type KindAnalyzerFacts = Parameters<KindAnalyzer['analyze']>[1];

export function acceptsParsedYaml(analyzer: KindAnalyzer): analyzer is ParsedYamlAnalyzer {
  return typeof (analyzer as Partial<ParsedYamlAnalyzer>).analyzeParsed === 'function';
}

/**
 * The analyzer of a YAML kind whose analysis takes the text or a parse of it
 * alike. Only kinds listed in KINDS_READING_WORKSPACE_FACTS may read the
 * facts; the path is there for rules reported once per repository.
 */
export function parsedYamlAnalyzer(
  kind: FileKind,
  ruleIds: readonly string[],
  analyze: (input: string | YamlFile, facts: KindAnalyzerFacts, path: string | undefined, options: AnalyzerOptions) => FileAnalysis,
): ParsedYamlAnalyzer {
  return {
    kind,
    ruleIds,
    analyze: (text, facts, path, options = {}) => analyze(text, facts, path, options),
    analyzeParsed: (file, facts, path, options = {}) => analyze(file, facts, path, options),
  };
}
