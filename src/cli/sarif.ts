import type { ConfigFinding, EvidenceItem, PracticeAssessment, ServiceAssessment, WorkspaceAssessment } from '../core/evidence/index';
import { stageInfo } from '../core/matrix/matrixQueries';
import { builtinMatrix } from '../core/matrix/builtinMatrix';
import type { StageFileProblem } from '../core/stageFile/types';
import { practiceLevel, problemLevel, reportedFindings, reportedPractices } from './checkFormats/reported';
import type { ReportLevel } from './checkFormats/reported';
import { toolNotifications } from './checkFormats/notifications';
import { relativeUri, rootRelativePath } from './checkFormats/paths';
import { LazyList } from './jsonStream';
import { VERSION } from './version';

/**
 * `check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other
 * SARIF viewers. Config-file findings keep their file and range; a missing
 * practice points at the place that contradicts it (a Deployment without
 * probes) or, when nothing in a file does, at line 1 of the governing
 * `.stage.yml`. URIs are relative to the workspace root (the repository
 * root in CI), which is what code scanning resolves them against, and
 * percent-encoded, so every one is a valid URI reference.
 */

const INFORMATION_URI = 'https://github.com/stage-guide/stage-guide';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; stage?: string; concern?: string; kind: 'config-file' | 'practice' | 'stage-file' };
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifLocation {
  id?: number;
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  message?: { text: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  properties: { stage?: string; concern?: string; status?: string; role?: { role: string; reason: string } };
}

export function toSarif(assessment: WorkspaceAssessment) {
  // Made in one pass: the rules are known once every result is.
  return sarifLog(assessment, (results) => Array.from(results()), false);
}

/** `toSarif` with the results made only when writeJson reaches them (the same text): a large workspace's results need not all be in memory. */
export function toSarifStream(assessment: WorkspaceAssessment) {
  return sarifLog(assessment, (results) => new LazyList(results), true);
}

function sarifLog<List>(assessment: WorkspaceAssessment, list: (results: () => Iterable<SarifResult>) => List, lazy: boolean) {
  // The rules come before the results in the log, and a result names its rule by index: written lazily, a first pass lists the rules.
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (rule: SarifRule) => {
    let index = ruleIndex.get(rule.id);
    if (index === undefined) {
      index = rules.push(rule) - 1;
      ruleIndex.set(rule.id, index);
    }
    return index;
  };
  if (lazy) for (const result of sarifResults(assessment, indexOf)) void result;
  const results = list(() => sarifResults(assessment, indexOf));
  const uri = (path: string) => relativeUri(rootRelativePath(assessment.workspaceRoot, path));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Stage Guide', informationUri: INFORMATION_URI, version: VERSION, rules } },
        columnKind: 'utf16CodeUnits',
        // Files the scan could not read: the run is incomplete, and says so where SARIF viewers look.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: toolNotifications(assessment).map((notice) => ({
              level: notice.level,
              message: { text: notice.message },
              descriptor: { id: notice.code },
              locations: [
                notice.range
                  ? location(uri(notice.path), notice.range)
                  : { physicalLocation: { artifactLocation: { uri: uri(notice.path) } } },
              ],
            })),
          },
        ],
        results,
      },
    ],
  };
}

/** Every result of the log, service by service; `indexOf` gives (and on first use, adds) a result's rule. */
function* sarifResults(assessment: WorkspaceAssessment, indexOf: (rule: SarifRule) => number): Generator<SarifResult> {
  const uri = (path: string) => relativeUri(rootRelativePath(assessment.workspaceRoot, path));
  for (const service of assessment.services) {
    const stageFileUri = service.stageFile ? uri(service.stageFile) : undefined;
    for (const problem of service.stageFileProblems) {
      const rule = stageFileRule(problem);
      yield {
        ruleId: rule.id,
        ruleIndex: indexOf(rule),
        level: sarifLevel(problemLevel(problem)),
        message: { text: problem.message },
        locations: [location(stageFileUri ?? relativeUri('.stage.yml'), problem.range)],
        properties: {},
      };
    }
    for (const practice of reportedPractices(service)) {
      const rule = practiceRule(practice);
      yield practiceResult(practice, indexOf(rule), service, stageFileUri, uri);
    }
    for (const finding of reportedFindings(service)) {
      const rule = findingRule(finding);
      const result: SarifResult = {
        ruleId: rule.id,
        ruleIndex: indexOf(rule),
        level: sarifLevel(finding.severity!),
        message: { text: `${finding.message} (${finding.label})` },
        locations: [location(uri(finding.path), finding.range)],
        properties: { stage: finding.stage, concern: finding.concern, status: finding.status },
      };
      // The other files the finding was judged from (the overlay that also defines the service, the build of the image).
      if (finding.related && finding.related.length > 0) {
        result.relatedLocations = finding.related.map((place) => ({
          ...location(uri(place.path), { start: { line: place.line, character: 0 }, end: { line: place.line, character: 0 } }),
          message: { text: place.message },
        }));
      }
      if (finding.role) result.properties.role = finding.role;
      yield result;
    }
  }
}

function practiceResult(
  practice: PracticeAssessment,
  ruleIndex: number,
  service: ServiceAssessment,
  stageFileUri: string | undefined,
  uri: (path: string) => string,
): SarifResult {
  const level = practiceLevel(practice)!;
  const when = practice.timing === 'next' ? `next stage, ${shortName(practice.stage)}` : shortName(practice.stage);
  const ways = practice.satisfiedBy.map((signal) => signal.satisfiedBy).join(' Or: ');
  const places = practice.counterEvidence.map((item, index) => evidenceLocation(item, uri, index));
  const primary =
    places[0] ??
    location(stageFileUri ?? uri(`${service.root}/.stage.yml`), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const result: SarifResult = {
    ruleId: practice.practice.id,
    ruleIndex,
    level: sarifLevel(level),
    message: {
      text: `Missing practice (${when}): ${practice.practice.title}. ${practice.counterEvidence.length > 0 ? `${practice.counterEvidence[0].detail}. ` : ''}Satisfied by: ${ways}`,
    },
    locations: [withoutId(primary)],
    properties: { stage: practice.stage, concern: practice.concernId, status: practice.timing },
  };
  if (places.length > 1) result.relatedLocations = places.slice(1);
  return result;
}

function practiceRule(practice: PracticeAssessment): SarifRule {
  const ways = practice.satisfiedBy.map((signal) => signal.satisfiedBy);
  const rule: SarifRule = {
    id: practice.practice.id,
    name: pascalName(practice.practice.id),
    shortDescription: { text: practice.practice.title },
    fullDescription: { text: practice.practice.rationale },
    help: {
      text: `${practice.practice.rationale} Satisfied by: ${ways.join(' Or: ')}`,
      markdown: `${practice.practice.rationale}\n\n**Satisfied by** any of:\n\n${ways.map((way) => `- ${way}`).join('\n')}`,
    },
    defaultConfiguration: { level: 'warning' },
    properties: {
      tags: ['stage-guide', 'practice', practice.concernId],
      stage: practice.stage,
      concern: practice.concernId,
      kind: 'practice',
    },
  };
  if (practice.practice.link) rule.helpUri = practice.practice.link;
  return rule;
}

function findingRule(finding: ConfigFinding): SarifRule {
  return {
    id: finding.ruleId,
    name: pascalName(finding.ruleId),
    shortDescription: { text: finding.title },
    fullDescription: { text: finding.why },
    help: { text: `${finding.why} Fix: ${finding.fixText}`, markdown: `${finding.why}\n\n**Fix:** ${finding.fixText}` },
    helpUri: finding.docUrl,
    defaultConfiguration: { level: 'warning' },
    properties: {
      tags: ['stage-guide', 'config-file', finding.concern],
      stage: finding.stage,
      concern: finding.concern,
      kind: 'config-file',
    },
  };
}

function stageFileRule(problem: StageFileProblem): SarifRule {
  return {
    id: `stage-file/${problem.code}`,
    name: pascalName(problem.code),
    shortDescription: { text: `.stage.yml problem: ${problem.code}` },
    fullDescription: { text: 'The .stage.yml has a problem; its valid parts still apply. Run stage-guide validate for details.' },
    help: {
      text: 'Fix the .stage.yml as the message says; stage-guide validate lists every problem.',
      markdown: 'Fix the `.stage.yml` as the message says; `stage-guide validate` lists every problem.',
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['stage-guide', 'stage-file'], kind: 'stage-file' },
  };
}

/** 1-based region; an empty range becomes one character wide, which every viewer can highlight. */
function location(
  uri: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): SarifLocation {
  const startLine = range.start.line + 1;
  const startColumn = range.start.character + 1;
  let endLine = range.end.line + 1;
  let endColumn = range.end.character + 1;
  if (endLine < startLine || (endLine === startLine && endColumn <= startColumn)) {
    endLine = startLine;
    endColumn = startColumn + 1;
  }
  return {
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine, startColumn, endLine, endColumn } },
  };
}

function evidenceLocation(item: EvidenceItem, uri: (path: string) => string, id: number): SarifLocation {
  const line = item.line ?? 0;
  return {
    ...location(uri(item.path), { start: { line, character: 0 }, end: { line, character: 0 } }),
    id,
    message: { text: item.detail },
  };
}

function withoutId(place: SarifLocation): SarifLocation {
  const { id: _id, ...rest } = place;
  return rest;
}

function sarifLevel(level: ReportLevel): SarifLevel {
  return level === 'info' ? 'note' : level;
}

function shortName(stage: PracticeAssessment['stage']): string {
  return stageInfo(builtinMatrix(), stage).shortName;
}

/** "docker/non-root-user" → "DockerNonRootUser": SARIF's readable rule name. */
function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
