import type { AnalyzerOptions, FileAnalysis, InlineSuppressions, KindAnalyzer, ParseProblem, RawFinding, WorkspaceFacts } from '../types';
import type { FindingSubject } from '../../deployment/types';
import { dockerfileDigest } from '../../deployment/digest/dockerfileDigest';
import { detectorFailure, runGuarded } from '../engine/guardedDetectors';
import { collectDockerfileSuppressions, emptySuppressions } from '../engine/suppressions';
import { anchorsAsAsked, collectAnchors } from '../engine/ruleAnchors';
import { DOCKERFILE_CONCERN_ANCHORS } from './concernAnchors';
import type { DockerfileDetector } from './detector';
import { DOCKERFILE_RULES } from './rules';
import { rule as healthcheckRule } from './rules/healthcheck';
import { buildModel } from './model';
import type { DockerfileModel } from './model';

export interface AnalyzeDockerfileOptions extends AnalyzerOptions {
  /** Tests pass a throwing detector here to check containment. */
  detectors?: readonly DockerfileDetector[];
}

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** Every Dockerfile finding is about the image it builds: one subject object for all of them (kept by the thousand). */
const IMAGE: FindingSubject = Object.freeze({ type: 'image' });

/**
 * Analyses a Dockerfile: parses it once with dockerfile-ast, runs every
 * Dockerfile rule, collects the rules' and the concerns' hover anchors and inline suppressions. Never
 * throws: a failing detector becomes a parse problem naming its rule.
 */
export function analyzeDockerfile(text: string, facts: WorkspaceFacts, options: AnalyzeDockerfileOptions = {}): FileAnalysis {
  const parseProblems: ParseProblem[] = [];
  let model: DockerfileModel;
  try {
    model = buildModel(text);
  } catch (error) {
    parseProblems.push({ range: TOP, message: `The Dockerfile could not be parsed (${reason(error)}).` });
    return { kind: 'dockerfile', findings: [], anchors: [], parseProblems, suppressions: emptySuppressions() };
  }
  const findings: RawFinding[] = [];
  const rules = options.detectors ?? DOCKERFILE_RULES;
  for (const detector of rules) {
    findings.push(...runGuarded(detector.ruleId, () => detector.detect(model, facts), parseProblems));
  }
  const anchors = anchorsAsAsked(
    options,
    (problems) => collectAnchors(rules, DOCKERFILE_CONCERN_ANCHORS, [model, facts], problems),
    parseProblems,
  );
  for (const finding of findings) finding.subject ??= IMAGE;
  return {
    kind: 'dockerfile',
    findings,
    ...anchors,
    parseProblems,
    suppressions: suppressionsOf(model, parseProblems),
    ...(options.digests === false ? {} : { digests: [dockerfileDigest(model)] }),
  };
}

function suppressionsOf(model: DockerfileModel, parseProblems: ParseProblem[]): InlineSuppressions {
  try {
    // Shell comments at the end of a RUN (`RUN make # stage-guide: ignore …`) are the Dockerfile's only end-of-line comments.
    const shellComments = model.runs.flatMap((script) => {
      const range = script.instruction.getRange();
      return script.comments.map((comment) => ({ text: comment.text, firstLine: range.start.line, lastLine: range.end.line }));
    });
    return collectDockerfileSuppressions(model.dockerfile, shellComments);
  } catch (error) {
    parseProblems.push({
      range: TOP,
      message: `Stage Guide could not read the suppression comments of this Dockerfile (${reason(error)}).`,
    });
    return emptySuppressions();
  }
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * The analysis `analyzeDockerfile(text, facts)` gives, from one made with NO_WORKSPACE_FACTS, without hovers
 * (their notes read the facts too). Only docker/healthcheck reads the facts: it is quiet where the workspace
 * deploys with Kubernetes. So a scan analyses each Dockerfile on the parse its evidence reader just made,
 * before the workspace facts are known, and settles it here once they are (one parse, not two).
 */
export function settleDockerfileAnalysis(analysis: FileAnalysis, facts: WorkspaceFacts): FileAnalysis {
  const settled = { ...analysis, anchors: [] };
  if (!facts.deploysWithKubernetes) return settled;
  const failure = detectorFailure(healthcheckRule.ruleId, '').message.split('(')[0];
  return {
    ...settled,
    findings: analysis.findings.filter((finding) => finding.ruleId !== healthcheckRule.ruleId),
    parseProblems: analysis.parseProblems.filter((problem) => !problem.message.startsWith(failure)),
  };
}

export const dockerfileAnalyzer: KindAnalyzer = {
  kind: 'dockerfile',
  ruleIds: DOCKERFILE_RULES.map((detector) => detector.ruleId),
  analyze(text: string, facts: WorkspaceFacts, _path?: string, options: AnalyzerOptions = {}): FileAnalysis {
    return analyzeDockerfile(text, facts, options);
  },
};
