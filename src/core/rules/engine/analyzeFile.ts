import type { AnalyzerOptions, FileAnalysis, FileKind, RawFinding, WorkspaceFacts } from '../types';
import { acceptsParsedYaml } from '../yaml/parsedYamlAnalyzer';
import { githubCommandsDigest, gitlabCommandsDigest } from '../../deployment/digest/ciCommandsDigest';
import { composeYamlFile, parseYamlCst, parseYamlFile } from '../yaml/yamlSupport';
import type { YamlCst, YamlFile } from '../yaml/yamlSupport';
import { analyzerFor, KINDS_READING_WORKSPACE_FACTS } from './analyzerRegistry';
import { fileKindByName, kindByContentInCst, CONTENT_DECIDES_KIND, mayHoldKindByContent } from '../../format/fileKinds';
import type { FileKindContext } from '../../format/fileKinds';
import { emptySuppressions } from './suppressions';
import { settleDockerfileAnalysis } from '../dockerfile/index';
import { gitlabFilesRead } from '../../ci/gitlabCiTests';
import { pipelineOf } from '../../ci/gitlabPipelines';
import { withFields } from '../../withFields';

/**
 * How the editor analyses an open file as the user types (its GuidanceService; the analysis bench measures the
 * same): every finding, for the diagnostics; a quick fix's edits built when a code action reads them, and the hover
 * anchors made on the first hover (fileGuidance.ts `withHoverAnchors`); no digests (the editor judges the file by the model
 * of the last workspace scan, and reads none of its own).
 */
export const EDITOR_ANALYSIS: Readonly<AnalyzerOptions> = Object.freeze({ fixes: 'on-demand', anchors: 'on-demand', digests: false });

/** What a caller may add to file-kind detection: a parse of the text it already made. */
export interface AnalyzeFileContext extends FileKindContext, AnalyzerOptions {
  /**
   * The text parsed with `parseYamlFile`, when the caller has it (a workspace
   * scan shares its evidence readers' parse). Must be a parse of exactly the
   * `text` passed along; called at most once, and only for YAML kinds.
   */
  parsedYaml?(): YamlFile | undefined;
}

/**
 * The stage-independent analysis of one file, or undefined when Stage Guide
 * does not read this kind of file. Never throws: an analyzer that fails
 * becomes a parse problem at the top of the file (each analyzer already
 * contains failures of single rules the same way).
 *
 * Each file is parsed once: a YAML file recognised only by its content
 * (a Kubernetes manifest, a compose file named freely) is parsed to a concrete syntax tree for detection, and its
 * documents are composed from those same tokens for the analysis.
 */
export function analyzeFile(path: string, text: string, facts: WorkspaceFacts, context: AnalyzeFileContext = {}): FileAnalysis | undefined {
  let kind: FileKind | undefined;
  let parsed: YamlFile | undefined;
  let candidate: YamlCst | undefined;
  try {
    const byName = fileKindByName(path, withGitlabReferences(context, facts));
    if (byName === CONTENT_DECIDES_KIND) {
      if (!mayHoldKindByContent(text)) return undefined;
      parsed = context.parsedYaml?.();
      // Detection reads tokens: the caller's when it kept them, else a parse whose tokens then become the documents.
      if (!parsed?.cst) candidate = parseYamlCst(text);
      kind = kindByContentInCst(parsed?.cst ?? candidate!.tokens, text);
      if (!kind) return undefined;
      if (parsed) candidate = undefined;
    } else {
      kind = byName;
    }
  } catch {
    return undefined;
  }
  if (!kind) return undefined;
  try {
    const analyzer = analyzerFor(kind);
    const options: AnalyzerOptions = {
      ...(context.anchors === false || context.anchors === 'on-demand' ? { anchors: context.anchors } : {}),
      ...(context.fixes === 'on-demand' ? { fixes: 'on-demand' as const } : {}),
      ...(context.digests === false ? { digests: false } : {}),
    };
    let analysis: FileAnalysis;
    if (acceptsParsedYaml(analyzer)) {
      parsed ??= candidate ? composeYamlFile(candidate) : (context.parsedYaml?.() ?? parseYamlFile(text));
      candidate = undefined; // its tokens need not outlive composition (the file keeps them if a suppression comment needs them)
      analysis = analyzer.analyzeParsed(parsed, facts, path, options);
    } else {
      analysis = analyzer.analyze(text, facts, path, options);
    }
    if (options.digests === false) return analysis;
    return withDigestPaths(withCiDigests(analysis, kind, parsed, gitlabProjectOf(path, facts)), path);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      kind,
      findings: [],
      anchors: [],
      parseProblems: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: `Stage Guide could not analyse this file (${reason}).`,
        },
      ],
      suppressions: emptySuppressions(),
    };
  }
}

/**
 * A file a GitLab pipeline includes by a name of its own (`ci/build.yml`) is GitLab CI: when the caller
 * does not say which files pipelines name, the workspace facts do (their pipelines list every file they read).
 */
function withGitlabReferences(context: AnalyzeFileContext, facts: WorkspaceFacts): AnalyzeFileContext {
  const gitlab = facts.gitlabCi;
  if (context.isGitlabIncluded || !gitlab || (gitlab.pipelines.length === 0 && !gitlab.referenced)) return context;
  return { ...context, isGitlabIncluded: (path) => gitlabFilesRead(gitlab).has(path) };
}

/** CI files link others through their scripts (compose `-f` chains, image builds): read from the same parse. */
function withCiDigests(analysis: FileAnalysis, kind: FileKind, parsed: YamlFile | undefined, gitlabProject?: string): FileAnalysis {
  if (!parsed || analysis.digests) return analysis;
  if (kind === 'github-actions') return { ...analysis, digests: [githubCommandsDigest(parsed)] };
  if (kind === 'gitlab-ci') {
    const digest = gitlabCommandsDigest(parsed);
    return { ...analysis, digests: [gitlabProject !== undefined ? { ...digest, runsIn: gitlabProject } : digest] };
  }
  return analysis;
}

/** The project folder of the GitLab pipeline that reads the file, when the facts know one: its jobs' scripts run there. */
function gitlabProjectOf(path: string, facts: WorkspaceFacts): string | undefined {
  const pipeline = facts.gitlabCi ? pipelineOf(facts.gitlabCi.pipelines, path) : undefined;
  return pipeline && pipeline.project !== '' ? pipeline.project : undefined;
}

/**
 * Analyzers leave the digests' paths empty (an analysis does not depend on where the file lies); they are the
 * file's. Each workload, compose service and Dockerfile also lists the findings on it, so the model can tell a copy of it
 * elsewhere that draws the same findings (a release bundle, a quickstart, the database variants of a
 * self-hosting stack) and the judge report them once.
 */
function withDigestPaths(analysis: FileAnalysis, path: string): FileAnalysis {
  if (!analysis.digests) return analysis;
  // The findings of each workload, grouped once: a long manifest has thousands of workloads and of findings.
  const keysByWorkload = new Map<string, string[]>();
  const keysByService = new Map<string, string[]>();
  for (const finding of analysis.findings) {
    const subject = finding.subject;
    if (subject?.type === 'compose-service') {
      // A setting the service would inherit from shared defaults (`<<: *defaults`) is fixed at the defaults, in
      // this file: no copy elsewhere stands for it.
      if (finding.shared) continue;
      const keys = keysByService.get(subject.service);
      if (keys) keys.push(findingKey(finding));
      else keysByService.set(subject.service, [findingKey(finding)]);
      continue;
    }
    if (subject?.type !== 'workload') continue;
    const id = workloadId(subject.kind, subject.name, subject.namespace);
    const keys = keysByWorkload.get(id);
    if (keys) keys.push(findingKey(finding));
    else keysByWorkload.set(id, [findingKey(finding)]);
  }
  return {
    ...analysis,
    digests: analysis.digests.map((digest) => {
      if (digest.type === 'dockerfile')
        return withFields(digest, {
          path,
          findings: analysis.findings.map((finding) => `${findingKey(finding)}|${finding.range.start.line}`),
        });
      if (digest.type === 'compose') {
        const services = digest.services.map((service) => withFields(service, { findings: [...(keysByService.get(service.name) ?? [])] }));
        return withFields(digest, { path, services });
      }
      if (digest.type !== 'kubernetes') return withFields(digest, { path });
      const workloads = digest.workloads.map((workload) =>
        withFields(workload, { findings: [...(keysByWorkload.get(workloadId(workload.kind, workload.name, workload.namespace)) ?? [])] }),
      );
      const configs = digest.configs?.map((config) =>
        withFields(config, { findings: [...(keysByWorkload.get(workloadId(config.kind, config.name, config.namespace)) ?? [])] }),
      );
      return withFields(digest, configs ? { path, workloads, configs } : { path, workloads });
    }),
  };
}

/** Kind, name and namespace as one key (an absent name or namespace is its own value). */
function workloadId(kind: string, name: string | undefined, namespace: string | undefined): string {
  return JSON.stringify([kind, name ?? null, namespace ?? null]);
}

/** What makes two findings the same root cause in two copies of a workload: the rule and its message. */
export function findingKey(finding: RawFinding): string {
  return `${finding.ruleId}|${finding.message ?? ''}`;
}

/**
 * True for files whose analysis reads the WorkspaceFacts only to drop findings (Dockerfiles): a scan may
 * analyse them with NO_WORKSPACE_FACTS as soon as it reads them and `settleAnalysis` once the facts are known.
 */
export function analysisSettlesLater(path: string): boolean {
  return fileKindByName(path) === 'dockerfile';
}

/** An analysis made early (see analysisSettlesLater), as the workspace facts make it; without hovers. */
export function settleAnalysis(analysis: FileAnalysis, facts: WorkspaceFacts): FileAnalysis {
  return analysis.kind === 'dockerfile' ? settleDockerfileAnalysis(analysis, facts) : analysis;
}

/**
 * False when the analysis of `path` is the same whatever the WorkspaceFacts
 * (true for files whose kind reads them: Dockerfiles). Decided from the path.
 */
export function analysisReadsWorkspaceFacts(path: string, context: FileKindContext = {}): boolean {
  const byName = fileKindByName(path, context);
  return byName !== undefined && byName !== CONTENT_DECIDES_KIND && KINDS_READING_WORKSPACE_FACTS.has(byName);
}
