import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { analyzeDockerfile } from '../../../../src/core/rules/dockerfile/index';
import type { FileAnalysis, RawFinding, WorkspaceFacts } from '../../../../src/core/rules/types';

export const FIXTURE_ROOT = join(__dirname, '..', '..', '..', 'fixtures', 'rules', 'dockerfile');
export const NO_KUBERNETES: WorkspaceFacts = { deploysWithKubernetes: false };

export interface RuleFixture {
  ruleId: string;
  name: string;
  kind: 'bad' | 'good';
  text: string;
}

/** Every fixture file: `<folder>/bad-*.Dockerfile` and `good-*.Dockerfile`, the folder naming the rule `docker/<folder>`. */
export function ruleFixtures(): RuleFixture[] {
  const fixtures: RuleFixture[] = [];
  for (const folder of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURE_ROOT, folder.name)).sort()) {
      const kind = file.startsWith('bad-') ? 'bad' : file.startsWith('good-') ? 'good' : undefined;
      if (!kind || !file.endsWith('.Dockerfile')) continue;
      fixtures.push({
        ruleId: `docker/${folder.name}`,
        name: `${folder.name}/${file}`,
        kind,
        text: readFileSync(join(FIXTURE_ROOT, folder.name, file), 'utf8'),
      });
    }
  }
  return fixtures;
}

export function analyze(text: string, facts: WorkspaceFacts = NO_KUBERNETES): FileAnalysis {
  return analyzeDockerfile(text, facts);
}

export function findingsOf(text: string, ruleId: string, facts: WorkspaceFacts = NO_KUBERNETES): RawFinding[] {
  return analyze(text, facts).findings.filter((finding) => finding.ruleId === ruleId);
}

/**
 * The line spans of the instructions marked with a `# expect: <rule-id>` comment: the
 * instruction holding the first non-comment line after the comment (which may
 * be the RUN the comment sits inside, between continuation lines).
 */
export function expectedSpans(text: string): Array<{ first: number; last: number }> {
  const dockerfile = DockerfileParser.parse(text);
  const commentLines = new Set(dockerfile.getComments().map((comment) => comment.getRange().start.line));
  const spans: Array<{ first: number; last: number }> = [];
  for (const comment of dockerfile.getComments()) {
    if (!/^expect(?::|$)/.test(comment.getContent().trim())) continue;
    let line = comment.getRange().start.line + 1;
    while (commentLines.has(line)) line++;
    const instruction = dockerfile
      .getInstructions()
      .find((candidate) => candidate.getRange().start.line <= line && line <= candidate.getRange().end.line);
    if (!instruction) throw new Error(`"# expect" at line ${comment.getRange().start.line + 1} is followed by no instruction`);
    spans.push({ first: instruction.getRange().start.line, last: instruction.getRange().end.line });
  }
  return spans;
}
