import { analyzeParsedCompose } from '../compose/analyzeCompose';
import { composeAnalyzer } from '../compose/index';
import { dockerfileAnalyzer } from '../dockerfile/index';
import { githubActionsAnalyzer } from '../github-actions/index';
import { gitlabCiAnalyzer } from '../gitlab-ci/index';
import { analyzeParsedKubernetes } from '../kubernetes/analyzeKubernetes';
import { kubernetesAnalyzer } from '../kubernetes/index';
import type { FileAnalysis, FileKind, KindAnalyzer } from '../types';
import type { YamlFile } from '../yaml/yamlSupport';

/**
 * An analyzer that can also take its file already parsed: `analyzeFile`
 * parses a YAML file whose name says nothing once, to detect a Kubernetes
 * manifest and to analyse it, and a workspace scan hands over the parse its
 * evidence readers made. Same result as `analyze(file.text, facts)`.
 */
export interface ParsedYamlAnalyzer extends KindAnalyzer {
  analyzeParsed(file: YamlFile, facts: KindAnalyzerFacts): FileAnalysis;
}

type KindAnalyzerFacts = Parameters<KindAnalyzer['analyze']>[1];

const composeWithParsed: ParsedYamlAnalyzer = { ...composeAnalyzer, analyzeParsed: (file) => analyzeParsedCompose(file) };
const kubernetesWithParsed: ParsedYamlAnalyzer = { ...kubernetesAnalyzer, analyzeParsed: (file) => analyzeParsedKubernetes(file) };

/** The analyzer of each file kind. */
export const ANALYZERS: Readonly<Record<FileKind, KindAnalyzer>> = {
  dockerfile: dockerfileAnalyzer,
  'github-actions': githubActionsAnalyzer,
  'gitlab-ci': gitlabCiAnalyzer,
  compose: composeWithParsed,
  kubernetes: kubernetesWithParsed,
};

/**
 * The kinds whose analysis depends on WorkspaceFacts: a Dockerfile's
 * HEALTHCHECK advice changes when Kubernetes probes check its image. Every
 * other analyzer ignores the facts (a unit test checks it), so a workspace
 * scan, which learns the facts only once every file is read, may analyse the
 * other kinds as soon as it reads them, with the parse still at hand.
 */
export const KINDS_READING_WORKSPACE_FACTS: ReadonlySet<FileKind> = new Set<FileKind>(['dockerfile']);

export function analyzerFor(kind: FileKind): KindAnalyzer {
  return ANALYZERS[kind];
}

export function acceptsParsedYaml(analyzer: KindAnalyzer): analyzer is ParsedYamlAnalyzer {
  return typeof (analyzer as Partial<ParsedYamlAnalyzer>).analyzeParsed === 'function';
}
